ALTER TABLE "audit_chain_heads" ADD COLUMN "last_at" timestamp with time zone;--> statement-breakpoint
-- Existing chains: the time of their last event.
UPDATE "audit_chain_heads" h SET "last_at" = (
  SELECT e."at" FROM "audit_events" e WHERE e."organisation_id" = h."organisation_id" AND e."seq" = h."last_seq"
);
