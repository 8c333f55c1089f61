import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { DeletePolicyButton } from "@/components/policies/delete-policy-button";
import { PolicyForm } from "@/components/policies/policy-form";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { listApproverGroups } from "@/lib/approver-groups/list-approver-groups";
import { can } from "@/lib/auth/permissions";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { DomainError } from "@/lib/errors";
import { listEligibleCandidates } from "@/lib/policies/list-eligible-candidates";
import { getPolicy } from "@/lib/policies/list-policies";
import { requireActor } from "@/lib/server/auth/current-actor";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Edit policy" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "manage-policies")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const { id } = await params;
  const database = await db();
  const policy = await getPolicy(database, { actor, policyId: id }).catch((error: unknown) => {
    // Another organisation's policy, a deleted one or a malformed id: all the same 404.
    if (error instanceof DomainError && error.kind === "not-found") notFound();
    throw error;
  });
  const [catalog, groups, settings, candidates] = await Promise.all([
    getCatalog(database, { actor, scope: policy.scope }),
    listApproverGroups(database, { actor }),
    getSettings(database, { actor }),
    listEligibleCandidates(database, { actor }),
  ]);
  return (
    <>
      <Link href="/policies" className="mb-2 inline-block text-sm font-medium text-brand-700 hover:underline">
        <span aria-hidden="true">← </span>All policies
      </Link>
      <PageHeader
        title={`Policy for ${policy.target}`}
        description={
          <>
            Created by {policy.createdBy ?? "a former member"}; last changed <LocalTime iso={new Date(policy.updatedAt).toISOString()} />.
          </>
        }
        actions={policy.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
      />
      <PolicyForm
        catalog={catalog}
        groups={groups}
        organisation={{
          maxDurationHours: settings.maxDurationHours,
          pendingLifetimeHours: settings.pendingLifetimeHours,
          defaultApproverGroup: settings.defaultApproverGroup,
        }}
        policy={policy}
        candidates={candidates}
      />
      <Card title="Delete this policy" className="mt-8 max-w-3xl">
        <p className="mb-4 text-sm text-slate-600">
          Its waiting requests are cancelled and {policy.target} falls back to standing roles. To pause the policy instead, clear
          “Enabled” above.
        </p>
        <DeletePolicyButton policyId={policy.id} target={policy.target} />
      </Card>
    </>
  );
}
