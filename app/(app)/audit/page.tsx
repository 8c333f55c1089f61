import type { Metadata } from "next";
import { AccessDenied } from "@/components/access-denied";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Audit" };

export default async function Page() {
  const actor = await requireActor();
  if (!can(actor, "audit:read")) return <AccessDenied screen="Audit" needs="Auditors, Role Management and Global Administrators" />;
  return (
    <>
      <PageHeader title="Audit" description="The append-only, hash-chained record of every step." />
      <ComingSoon what="Search, verify and export the audit log." />
    </>
  );
}
