CREATE TABLE "exchange_distribution_group_members" (
	"organisation_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"member" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_distribution_group_members_group_id_member_pk" PRIMARY KEY("group_id","member")
);
--> statement-breakpoint
CREATE TABLE "exchange_distribution_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"alias" text NOT NULL,
	"primary_smtp_address" text NOT NULL,
	"group_type" text DEFAULT 'Distribution' NOT NULL,
	"managed_by" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_distribution_groups_type" CHECK ("exchange_distribution_groups"."group_type" in ('Distribution', 'Security'))
);
--> statement-breakpoint
CREATE TABLE "exchange_journal_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"recipient" text,
	"journal_email_address" text NOT NULL,
	"scope" text DEFAULT 'Global' NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_journal_rules_scope" CHECK ("exchange_journal_rules"."scope" in ('Global', 'Internal', 'External'))
);
--> statement-breakpoint
CREATE TABLE "exchange_mailbox_export_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"name" text NOT NULL,
	"file_path" text NOT NULL,
	"status" text DEFAULT 'Queued' NOT NULL,
	"content_filter" text,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_mailbox_export_requests_status" CHECK ("exchange_mailbox_export_requests"."status" in ('Queued', 'Completed'))
);
--> statement-breakpoint
CREATE TABLE "exchange_mailbox_permissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"user" text NOT NULL,
	"access_rights" text[] NOT NULL,
	"inheritance_type" text DEFAULT 'All' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_mailboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"display_name" text NOT NULL,
	"primary_smtp_address" text NOT NULL,
	"recipient_type" text DEFAULT 'UserMailbox' NOT NULL,
	"litigation_hold_enabled" boolean DEFAULT false NOT NULL,
	"forwarding_smtp_address" text,
	"deliver_to_mailbox_and_forward" boolean DEFAULT false NOT NULL,
	"issue_warning_quota_mb" integer DEFAULT 100352 NOT NULL,
	"prohibit_send_quota_mb" integer DEFAULT 101376 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_mailboxes_recipient_type" CHECK ("exchange_mailboxes"."recipient_type" in ('UserMailbox', 'SharedMailbox')),
	CONSTRAINT "exchange_mailboxes_quotas" CHECK (0 < "exchange_mailboxes"."issue_warning_quota_mb" and "exchange_mailboxes"."issue_warning_quota_mb" <= "exchange_mailboxes"."prohibit_send_quota_mb")
);
--> statement-breakpoint
CREATE TABLE "exchange_transport_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"priority" integer NOT NULL,
	"state" text DEFAULT 'Enabled' NOT NULL,
	"mode" text DEFAULT 'Enforce' NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comments" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_transport_rules_state" CHECK ("exchange_transport_rules"."state" in ('Enabled', 'Disabled')),
	CONSTRAINT "exchange_transport_rules_mode" CHECK ("exchange_transport_rules"."mode" in ('Enforce', 'Audit', 'AuditAndNotify')),
	CONSTRAINT "exchange_transport_rules_priority" CHECK ("exchange_transport_rules"."priority" >= 0)
);
--> statement-breakpoint
ALTER TABLE "exchange_distribution_group_members" ADD CONSTRAINT "exchange_distribution_group_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_distribution_group_members" ADD CONSTRAINT "exchange_distribution_group_members_group_id_exchange_distribution_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."exchange_distribution_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_distribution_groups" ADD CONSTRAINT "exchange_distribution_groups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_journal_rules" ADD CONSTRAINT "exchange_journal_rules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_mailbox_export_requests" ADD CONSTRAINT "exchange_mailbox_export_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_mailbox_export_requests" ADD CONSTRAINT "exchange_mailbox_export_requests_mailbox_id_exchange_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."exchange_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_mailbox_permissions" ADD CONSTRAINT "exchange_mailbox_permissions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_mailbox_permissions" ADD CONSTRAINT "exchange_mailbox_permissions_mailbox_id_exchange_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."exchange_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_mailboxes" ADD CONSTRAINT "exchange_mailboxes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_transport_rules" ADD CONSTRAINT "exchange_transport_rules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_distribution_groups_org_name_uq" ON "exchange_distribution_groups" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_distribution_groups_org_alias_uq" ON "exchange_distribution_groups" USING btree ("organisation_id",lower("alias"));--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_distribution_groups_org_smtp_uq" ON "exchange_distribution_groups" USING btree ("organisation_id",lower("primary_smtp_address"));--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_journal_rules_org_name_uq" ON "exchange_journal_rules" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_mailbox_export_requests_mailbox_name_uq" ON "exchange_mailbox_export_requests" USING btree ("mailbox_id",lower("name"));--> statement-breakpoint
CREATE INDEX "exchange_mailbox_export_requests_org_created_idx" ON "exchange_mailbox_export_requests" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_mailbox_permissions_mailbox_user_uq" ON "exchange_mailbox_permissions" USING btree ("mailbox_id","user");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_mailboxes_org_alias_uq" ON "exchange_mailboxes" USING btree ("organisation_id",lower("alias"));--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_mailboxes_org_smtp_uq" ON "exchange_mailboxes" USING btree ("organisation_id",lower("primary_smtp_address"));--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_transport_rules_org_name_uq" ON "exchange_transport_rules" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE INDEX "exchange_transport_rules_org_priority_idx" ON "exchange_transport_rules" USING btree ("organisation_id","priority");