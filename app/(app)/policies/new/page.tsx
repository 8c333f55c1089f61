import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { PolicyForm } from "@/components/policies/policy-form";
import { PolicyUsage } from "@/components/policies/policy-usage";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { listApproverGroups } from "@/lib/approver-groups/list-approver-groups";
import { can } from "@/lib/auth/permissions";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { listEligibleCandidates } from "@/lib/policies/list-eligible-candidates";
import { listPolicies } from "@/lib/policies/list-policies";
import { listScopes } from "@/lib/scopes/list-scopes";
import { requireActor } from "@/lib/server/auth/current-actor";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "New policy" };

export default async function Page() {
  const actor = await requireActor();
  if (!can(actor, "manage-policies")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const database = await db();
  const [catalogs, groups, settings, policies, candidates] = await Promise.all([
    // Every scope's catalog, built-in first: a policy may cover an external scope's task too.
    listScopes(database, { actor }).then((scopes) => Promise.all(scopes.map((scope) => getCatalog(database, { actor, scope: scope.name })))),
    listApproverGroups(database, { actor }),
    getSettings(database, { actor }),
    listPolicies(database, { actor }),
    listEligibleCandidates(database, { actor }),
  ]);
  const full = policies.length >= settings.policyLimit;
  return (
    <>
      <Link href="/policies" className="mb-2 inline-block text-sm font-medium text-brand-700 hover:underline">
        <span aria-hidden="true">← </span>All policies
      </Link>
      <PageHeader
        title="New policy"
        description="Require an approved, time-bound request before anyone runs a task, or any task of a role or role group."
        actions={<PolicyUsage count={policies.length} limit={settings.policyLimit} showCreate={false} />}
      />
      {full ? (
        <Card className="max-w-xl">
          <h2 className="text-base font-semibold text-slate-900">The policy limit is reached</h2>
          <p className="mt-2 text-sm text-slate-600">
            The organisation has {policies.length} of {settings.policyLimit} policies. A role or role group policy covers many
            tasks at once; delete a policy you no longer need, or raise the limit in{" "}
            <Link href="/settings" className="font-medium text-brand-700 hover:underline">
              Settings
            </Link>
            .
          </p>
        </Card>
      ) : (
        <PolicyForm
          catalog={catalogs[0]!}
          catalogs={catalogs}
          groups={groups}
          organisation={{
            maxDurationHours: settings.maxDurationHours,
            pendingLifetimeHours: settings.pendingLifetimeHours,
            defaultApproverGroup: settings.defaultApproverGroup,
          }}
          taken={policies.map((policy) => ({ type: policy.type, target: policy.target, scope: policy.scope }))}
          candidates={candidates}
        />
      )}
    </>
  );
}
