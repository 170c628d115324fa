-- CreateTable
CREATE TABLE "PriceItem" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "unitPrice" DECIMAL(14,6) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PriceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostLine" (
    "id" BIGSERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "tagValue" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "amount" DECIMAL(16,6) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "ingestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostIngestRun" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "accounts" INTEGER NOT NULL DEFAULT 0,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "CostIngestRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PriceItem_kind_region_sku_key" ON "PriceItem"("kind", "region", "sku");

-- CreateIndex
CREATE INDEX "CostLine_granularity_periodStart_idx" ON "CostLine"("granularity", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "CostLine_accountId_granularity_periodStart_tagValue_service_key" ON "CostLine"("accountId", "granularity", "periodStart", "tagValue", "service");
