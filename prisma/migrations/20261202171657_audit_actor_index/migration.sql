-- CreateIndex
CREATE INDEX "AuditEvent_actorId_action_at_idx" ON "AuditEvent"("actorId", "action", "at");
