-- CreateEnum
CREATE TYPE "ScheduleRunStatus" AS ENUM ('ok', 'failed');

-- CreateTable
CREATE TABLE "Schedule" (
    "name" TEXT NOT NULL,
    "cron" TEXT,
    "everySeconds" INTEGER,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "claimedAt" TIMESTAMP(3),
    "lastStartedAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastStatus" "ScheduleRunStatus",
    "lastDurationMs" INTEGER,
    "lastError" TEXT,
    "lastDetail" TEXT,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Schedule_nextRunAt_idx" ON "Schedule"("nextRunAt");
