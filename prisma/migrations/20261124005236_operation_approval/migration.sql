-- DropIndex
DROP INDEX "InstanceLock_operationId_key";

-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "needsApproval" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "InstanceLock_operationId_idx" ON "InstanceLock"("operationId");
