-- AlterTable
ALTER TABLE "SlaTier" ADD COLUMN     "creditSchedule" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ConformanceFinding" (
    "chainId" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "promised" TEXT NOT NULL,
    "deployed" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConformanceFinding_pkey" PRIMARY KEY ("chainId","rule")
);

-- AddForeignKey
ALTER TABLE "ConformanceFinding" ADD CONSTRAINT "ConformanceFinding_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
