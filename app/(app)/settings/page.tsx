import type { Metadata } from "next";
import { AccessDenied } from "@/components/access-denied";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  const actor = await requireActor();
  if (!can(actor, "settings:manage")) return <AccessDenied screen="Settings" needs="Role Management and Global Administrators" />;
  return (
    <>
      <PageHeader title="Settings" description="PAM, approver groups, people and API tokens." />
      <ComingSoon what="PAM on or off, approver groups, exclusions, limits, users and API tokens." />
    </>
  );
}
