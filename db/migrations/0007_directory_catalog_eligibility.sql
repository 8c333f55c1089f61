CREATE TYPE "public"."group_source" AS ENUM('local', 'scim');--> statement-breakpoint
CREATE TYPE "public"."member_source" AS ENUM('local', 'scim', 'oidc');--> statement-breakpoint
CREATE TABLE "policy_eligibility" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"group_id" uuid,
	"user_id" text,
	CONSTRAINT "policy_eligibility_one" CHECK (("policy_eligibility"."group_id" is null) <> ("policy_eligibility"."user_id" is null))
);
--> statement-breakpoint
ALTER TABLE "approver_groups" ADD COLUMN "source" "group_source" DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "source" "member_source" DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "jit_email_domains" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "jit_entra_tenant_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "window_grants" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "scopes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "scopes" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_eligibility" ADD CONSTRAINT "policy_eligibility_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_eligibility" ADD CONSTRAINT "policy_eligibility_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_eligibility" ADD CONSTRAINT "policy_eligibility_group_id_approver_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."approver_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_eligibility" ADD CONSTRAINT "policy_eligibility_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_eligibility_group_uq" ON "policy_eligibility" USING btree ("policy_id","group_id") WHERE "policy_eligibility"."group_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_eligibility_user_uq" ON "policy_eligibility" USING btree ("policy_id","user_id") WHERE "policy_eligibility"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "policy_eligibility_group_idx" ON "policy_eligibility" USING btree ("group_id");--> statement-breakpoint
-- The Contoso demo of an earlier build keeps its one-click sign-in: the seed's own row (its id is
-- derived from its name, db/seed/seed-demo.ts), never a real organisation that chose the slug.
UPDATE "organisations" SET "demo" = true WHERE "id" = 'd5f09465-0724-4cc5-8324-eeff2495d490' AND "slug" = 'contoso';
