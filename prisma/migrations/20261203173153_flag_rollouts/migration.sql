-- CreateEnum
CREATE TYPE "FlagRolloutStatus" AS ENUM ('scheduled', 'started', 'cancelled', 'suspended');

-- CreateTable
CREATE TABLE "FlagRollout" (
    "id" UUID NOT NULL,
    "flagId" UUID NOT NULL,
    "value" JSONB NOT NULL,
    "match" JSONB NOT NULL,
    "chains" TEXT[],
    "batchSize" INTEGER NOT NULL,
    "at" TIMESTAMP(3),
    "status" "FlagRolloutStatus" NOT NULL,
    "reason" TEXT,
    "waveId" UUID,
    "requestedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),

    CONSTRAINT "FlagRollout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FlagRollout_waveId_key" ON "FlagRollout"("waveId");

-- CreateIndex
CREATE INDEX "FlagRollout_status_at_idx" ON "FlagRollout"("status", "at");

-- CreateIndex
CREATE INDEX "FlagRollout_flagId_idx" ON "FlagRollout"("flagId");

-- AddForeignKey
ALTER TABLE "FlagRollout" ADD CONSTRAINT "FlagRollout_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlagRollout" ADD CONSTRAINT "FlagRollout_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
