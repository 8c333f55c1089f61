import type { Metadata } from "next";
import { AccessDenied } from "@/components/access-denied";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Policies" };

export default async function Page() {
  const actor = await requireActor();
  if (!can(actor, "policies:manage")) return <AccessDenied screen="Policies" needs="Role Management and Global Administrators" />;
  return (
    <>
      <PageHeader title="Policies" description="Which tasks, roles and role groups need just-in-time approval." />
      <ComingSoon what="The privileged access policies of your organisation." />
    </>
  );
}
