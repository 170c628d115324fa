-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "dbMetricsAt" TIMESTAMP(3);
