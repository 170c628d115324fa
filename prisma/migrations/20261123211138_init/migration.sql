-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'ops', 'account_manager', 'finance');

-- CreateEnum
CREATE TYPE "Health" AS ENUM ('healthy', 'degraded', 'down', 'unknown');

-- CreateEnum
CREATE TYPE "DatabaseKind" AS ENUM ('dedicated', 'shared');

-- CreateEnum
CREATE TYPE "OperationStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'rolled_back');

-- CreateEnum
CREATE TYPE "AuditResult" AS ENUM ('ok', 'denied', 'failed');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaTier" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "availabilityTarget" DECIMAL(6,3) NOT NULL,
    "requiresMultiAz" BOOLEAN NOT NULL DEFAULT false,
    "minBackupRetentionDays" INTEGER NOT NULL DEFAULT 1,
    "requiresEncryption" BOOLEAN NOT NULL DEFAULT true,
    "requiresDeletionProtection" BOOLEAN NOT NULL DEFAULT false,
    "requiresDedicatedDatabase" BOOLEAN NOT NULL DEFAULT false,
    "minInstanceClass" TEXT,
    "allowedRegions" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaTier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Chain" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "residency" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "awsAccountId" TEXT NOT NULL,
    "roleArn" TEXT,
    "healthCheckId" TEXT NOT NULL,
    "tierId" UUID NOT NULL,
    "accountManagerId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decommissionedAt" TIMESTAMP(3),

    CONSTRAINT "Chain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SharedDbInstance" (
    "id" UUID NOT NULL,
    "dbInstanceIdentifier" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "awsAccountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SharedDbInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" UUID NOT NULL,
    "chainId" UUID NOT NULL,
    "appInstanceId" TEXT,
    "databaseKind" "DatabaseKind" NOT NULL,
    "dbInstanceIdentifier" TEXT NOT NULL,
    "sharedDbInstanceId" UUID,
    "databaseName" TEXT NOT NULL,
    "appInstanceType" TEXT,
    "appState" TEXT,
    "dbClass" TEXT,
    "dbEngine" TEXT,
    "dbEngineVersion" TEXT,
    "dbStatus" TEXT,
    "multiAz" BOOLEAN,
    "allocatedStorageGb" INTEGER,
    "backupRetentionDays" INTEGER,
    "storageEncrypted" BOOLEAN,
    "deletionProtection" BOOLEAN,
    "dbEndpoint" TEXT,
    "dbTags" JSONB,
    "latestSnapshotAt" TIMESTAMP(3),
    "health" "Health" NOT NULL DEFAULT 'unknown',
    "healthObservedAt" TIMESTAMP(3),
    "refreshedAt" TIMESTAMP(3),
    "staleReason" TEXT,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" UUID NOT NULL,
    "chainId" UUID NOT NULL,
    "tierId" UUID NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "monthlyPrice" DECIMAL(12,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "marginTargetPct" DECIMAL(5,2) NOT NULL,
    "upgrades" JSONB NOT NULL DEFAULT '[]',
    "creditSchedule" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Operation" (
    "id" UUID NOT NULL,
    "chainId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "idempotencyKey" TEXT NOT NULL,
    "status" "OperationStatus" NOT NULL DEFAULT 'queued',
    "requestedById" UUID,
    "approvedById" UUID,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Operation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperationStep" (
    "id" UUID NOT NULL,
    "operationId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "OperationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "chainId" UUID,
    "target" TEXT,
    "result" "AuditResult" NOT NULL,
    "ip" TEXT,
    "detail" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectorRun" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "awsCalls" INTEGER NOT NULL DEFAULT 0,
    "chains" INTEGER NOT NULL DEFAULT 0,
    "failedScopes" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "CollectorRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "SlaTier_key_key" ON "SlaTier"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Chain_slug_key" ON "Chain"("slug");

-- CreateIndex
CREATE INDEX "Chain_tierId_idx" ON "Chain"("tierId");

-- CreateIndex
CREATE INDEX "Chain_region_idx" ON "Chain"("region");

-- CreateIndex
CREATE INDEX "Chain_accountManagerId_idx" ON "Chain"("accountManagerId");

-- CreateIndex
CREATE UNIQUE INDEX "SharedDbInstance_awsAccountId_region_dbInstanceIdentifier_key" ON "SharedDbInstance"("awsAccountId", "region", "dbInstanceIdentifier");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_chainId_key" ON "Deployment"("chainId");

-- CreateIndex
CREATE INDEX "Deployment_sharedDbInstanceId_idx" ON "Deployment"("sharedDbInstanceId");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_chainId_key" ON "Contract"("chainId");

-- CreateIndex
CREATE INDEX "Contract_tierId_idx" ON "Contract"("tierId");

-- CreateIndex
CREATE UNIQUE INDEX "Operation_idempotencyKey_key" ON "Operation"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Operation_chainId_createdAt_idx" ON "Operation"("chainId", "createdAt");

-- CreateIndex
CREATE INDEX "Operation_status_idx" ON "Operation"("status");

-- CreateIndex
CREATE UNIQUE INDEX "OperationStep_operationId_position_key" ON "OperationStep"("operationId", "position");

-- CreateIndex
CREATE INDEX "AuditEvent_chainId_at_idx" ON "AuditEvent"("chainId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "CollectorRun_startedAt_idx" ON "CollectorRun"("startedAt");

-- AddForeignKey
ALTER TABLE "Chain" ADD CONSTRAINT "Chain_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "SlaTier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Chain" ADD CONSTRAINT "Chain_accountManagerId_fkey" FOREIGN KEY ("accountManagerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_sharedDbInstanceId_fkey" FOREIGN KEY ("sharedDbInstanceId") REFERENCES "SharedDbInstance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "SlaTier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperationStep" ADD CONSTRAINT "OperationStep_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE SET NULL ON UPDATE CASCADE;
