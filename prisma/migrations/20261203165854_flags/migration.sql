-- CreateEnum
CREATE TYPE "FlagType" AS ENUM ('boolean', 'string', 'number', 'json');

-- CreateEnum
CREATE TYPE "FlagDrift" AS ENUM ('in_sync', 'modified', 'missing', 'unknown');

-- CreateTable
CREATE TABLE "Flag" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "type" "FlagType" NOT NULL,
    "defaultValue" JSONB NOT NULL,
    "jsonSchema" JSONB,
    "owner" TEXT NOT NULL,
    "residency" TEXT,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainFlagOverride" (
    "chainId" UUID NOT NULL,
    "flagId" UUID NOT NULL,
    "value" JSONB NOT NULL,
    "setById" UUID,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "operationId" UUID,

    CONSTRAINT "ChainFlagOverride_pkey" PRIMARY KEY ("chainId","flagId")
);

-- CreateTable
CREATE TABLE "ChainFlagState" (
    "chainId" UUID NOT NULL,
    "flagId" UUID NOT NULL,
    "liveValue" JSONB,
    "drift" "FlagDrift" NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "checkError" TEXT,
    "modifiedBy" TEXT,
    "modifiedAt" TIMESTAMP(3),
    "liveVersion" INTEGER,

    CONSTRAINT "ChainFlagState_pkey" PRIMARY KEY ("chainId","flagId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Flag_key_key" ON "Flag"("key");

-- CreateIndex
CREATE INDEX "ChainFlagOverride_flagId_idx" ON "ChainFlagOverride"("flagId");

-- CreateIndex
CREATE INDEX "ChainFlagState_flagId_drift_idx" ON "ChainFlagState"("flagId", "drift");

-- AddForeignKey
ALTER TABLE "ChainFlagOverride" ADD CONSTRAINT "ChainFlagOverride_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainFlagOverride" ADD CONSTRAINT "ChainFlagOverride_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainFlagOverride" ADD CONSTRAINT "ChainFlagOverride_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainFlagState" ADD CONSTRAINT "ChainFlagState_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainFlagState" ADD CONSTRAINT "ChainFlagState_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;
