-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "waveId" UUID;

-- CreateTable
CREATE TABLE "Wave" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "chains" TEXT[],
    "batchSize" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,
    "requestedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Wave_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Wave_status_idx" ON "Wave"("status");

-- CreateIndex
CREATE INDEX "Operation_waveId_idx" ON "Operation"("waveId");
