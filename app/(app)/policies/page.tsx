import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { filtersFrom } from "@/components/policies/policy-filter-values";
import { PolicyList } from "@/components/policies/policy-list";
import { PolicyUsage } from "@/components/policies/policy-usage";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { listPolicies } from "@/lib/policies/list-policies";
import { requireActor } from "@/lib/server/auth/current-actor";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Policies" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "manage-policies")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const database = await db();
  const [policies, settings, params] = await Promise.all([
    listPolicies(database, { actor }),
    getSettings(database, { actor }),
    searchParams,
  ]);
  return (
    <>
      <PageHeader
        title="Policies"
        description="Which tasks, roles and role groups need just-in-time approval, who approves, and for how long."
        actions={<PolicyUsage count={policies.length} limit={settings.policyLimit} />}
      />
      {policies.length === 0 ? (
        <EmptyState title="No policies yet">
          <p>Without a policy, every task runs on standing roles alone.</p>
          <p className="mt-1">
            <Link href="/policies/new" className="font-medium text-brand-700 hover:underline">
              Create a policy
            </Link>{" "}
            to require an approved, time-bound request for a task, a role or a role group.
          </p>
        </EmptyState>
      ) : (
        <PolicyList policies={policies} initialFilters={filtersFrom(params)} />
      )}
    </>
  );
}
