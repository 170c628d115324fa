-- AlterTable
ALTER TABLE "Chain" ADD COLUMN     "healthHistoryFrom" TIMESTAMP(3);

-- Chains read before: their history is stored back to their oldest sample.
UPDATE "Chain" c SET "healthHistoryFrom" = (SELECT min(s."at") FROM "HealthSample" s WHERE s."chainId" = c."id");
