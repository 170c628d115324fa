-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "cpuSpark" DOUBLE PRECISION[],
ADD COLUMN     "freeStorageBytes" BIGINT,
ADD COLUMN     "recentSnapshots" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "HealthSample" (
    "chainId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "HealthSample_pkey" PRIMARY KEY ("chainId","at")
);

-- CreateTable
CREATE TABLE "HealthDay" (
    "chainId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "healthy" INTEGER NOT NULL,
    "measured" INTEGER NOT NULL,

    CONSTRAINT "HealthDay_pkey" PRIMARY KEY ("chainId","day")
);

-- CreateTable
CREATE TABLE "CollectorLease" (
    "id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollectorLease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HealthSample_at_idx" ON "HealthSample"("at");

-- CreateIndex
CREATE INDEX "HealthDay_day_idx" ON "HealthDay"("day");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- AddForeignKey
ALTER TABLE "HealthSample" ADD CONSTRAINT "HealthSample_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthDay" ADD CONSTRAINT "HealthDay_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
