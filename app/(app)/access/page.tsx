import type { Metadata } from "next";
import { AccessDenied } from "@/components/access-denied";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Active access" };

export default async function Page() {
  const actor = await requireActor();
  if (!can(actor, "access:view-active")) return <AccessDenied screen="Active access" needs="approvers and administrators" />;
  return (
    <>
      <PageHeader title="Active access" description="Every open access window in your organisation." />
      <ComingSoon what="Open windows across the organisation, each revocable with a comment." />
    </>
  );
}
