-- CreateEnum
CREATE TYPE "AuditSource" AS ENUM ('ui', 'api', 'worker', 'cli');

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_chainId_fkey";

-- DropIndex
DROP INDEX "AuditEvent_at_idx";

-- DropIndex
DROP INDEX "AuditEvent_chainId_at_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorRole" "Role",
ADD COLUMN     "after" JSONB,
ADD COLUMN     "before" JSONB,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "requestId" TEXT,
ADD COLUMN     "source" "AuditSource" NOT NULL DEFAULT 'worker',
ADD COLUMN     "tokenId" UUID,
ADD COLUMN     "tokenName" TEXT,
ADD COLUMN     "userAgent" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_chainId_at_id_idx" ON "AuditEvent"("chainId", "at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_id_idx" ON "AuditEvent"("action", "at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "Chain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand from here: what Prisma's schema cannot say.

-- Edits kept their before/after inside detail: move them to their own columns.
UPDATE "AuditEvent"
SET "before" = "detail"->'before',
    "after" = "detail"->'after',
    "detail" = NULLIF("detail" - 'before' - 'after', '{}'::jsonb)
WHERE jsonb_typeof("detail") = 'object' AND ("detail" ? 'before' OR "detail" ? 'after');

-- The canonical form of an event, the input of its SHA-256: every field but the hash, in a fixed order, as
-- jsonb's text (deterministic). A column added later must be appended here, never inserted, or old hashes change.
CREATE FUNCTION audit_event_canonical(e "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e."id", to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), e."actorId", e."actorEmail", e."actorRole",
    e."tokenId", e."tokenName", e."source", e."action", e."chainId", e."target", e."result", e."before",
    e."after", e."requestId", e."ip", e."userAgent", e."detail", e."prevHash"
  )::text
$$;

CREATE FUNCTION audit_event_hash(e "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(audit_event_canonical(e), 'UTF8')), 'hex')
$$;

-- The events already written join the chain, oldest first.
DO $$
DECLARE
  e "AuditEvent";
  previous text := NULL;
BEGIN
  FOR e IN SELECT * FROM "AuditEvent" ORDER BY "id" LOOP
    e."prevHash" := previous;
    previous := audit_event_hash(e);
    UPDATE "AuditEvent" SET "prevHash" = e."prevHash", "hash" = previous WHERE "id" = e."id";
  END LOOP;
END $$;

-- Every insert links to the newest event, under one lock held to the commit. An id drawn before a later-drawn
-- one committed is drawn again, so that id order is chain order. Read committed only: a snapshot taken before
-- the lock would not see the event committed just before, and the chain would fork.
CREATE FUNCTION audit_event_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  newest bigint;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events are written in read committed transactions only';
  END IF;
  PERFORM pg_advisory_xact_lock(7243110914);
  SELECT "id", "hash" INTO newest, NEW."prevHash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1;
  IF NEW."id" <= newest THEN
    NEW."id" := nextval(pg_get_serial_sequence('"AuditEvent"', 'id'));
  END IF;
  NEW."hash" := audit_event_hash(NEW);
  RETURN NEW;
END $$;

CREATE TRIGGER "AuditEvent_append" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_append();

-- Append-only: nobody changes or removes an event, whatever their grants (only disabling the trigger, which
-- needs the table's owner, gets past this; verify then names the event).
CREATE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on "AuditEvent" refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_refuse();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse();

-- Full-text search over what an event says (its target, action, actor, before, after and detail): a GIN index on
-- the same expression the search uses (lib/server/audit/audit-search.ts). "simple": no stemming, any language.
CREATE INDEX "AuditEvent_search_idx" ON "AuditEvent" USING gin (to_tsvector('simple'::regconfig,
  coalesce("target", '') || ' ' || "action" || ' ' || coalesce("actorEmail", '') || ' ' ||
  coalesce("before"::text, '') || ' ' || coalesce("after"::text, '') || ' ' || coalesce("detail"::text, '')));
