-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "instanceKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "result" JSONB;

-- CreateTable
CREATE TABLE "InstanceLock" (
    "instanceKey" TEXT NOT NULL,
    "operationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceLock_pkey" PRIMARY KEY ("instanceKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "InstanceLock_operationId_key" ON "InstanceLock"("operationId");
