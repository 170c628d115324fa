-- CreateTable
CREATE TABLE "ReplacedDbInstance" (
    "id" UUID NOT NULL,
    "chainId" UUID NOT NULL,
    "dbInstanceIdentifier" TEXT NOT NULL,
    "replacedBy" TEXT NOT NULL,
    "cutOverOperationId" UUID NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "retireOperationId" UUID,

    CONSTRAINT "ReplacedDbInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplacedDbInstance_cutOverOperationId_key" ON "ReplacedDbInstance"("cutOverOperationId");

-- CreateIndex
CREATE UNIQUE INDEX "ReplacedDbInstance_chainId_dbInstanceIdentifier_key" ON "ReplacedDbInstance"("chainId", "dbInstanceIdentifier");

-- AddForeignKey
ALTER TABLE "ReplacedDbInstance" ADD CONSTRAINT "ReplacedDbInstance_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
