import type { Metadata } from "next";
import { AccessDenied } from "@/components/access-denied";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Approvals" };

export default async function Page() {
  const actor = await requireActor();
  if (!can(actor, "requests:approve")) return <AccessDenied screen="Approvals" needs="members of an approver group" />;
  return (
    <>
      <PageHeader title="Approvals" description="Requests waiting for your decision." />
      <ComingSoon what="Pending requests of your approver groups, to approve or deny with a comment." />
    </>
  );
}
