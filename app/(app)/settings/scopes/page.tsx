import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { RegisterScopeForm } from "@/components/scopes/register-scope-form";
import { ScopeCard } from "@/components/scopes/scope-card";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getScope } from "@/lib/scopes/get-scope";
import { listScopes } from "@/lib/scopes/list-scopes";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Scopes" };
export const dynamic = "force-dynamic";

/** Every member may read the catalogs (they are what can be requested); administrators change them. */
export default async function Page() {
  const actor = await requireActor();
  const database = await db();
  const canManage = can(actor, "manage-settings");
  const summaries = await listScopes(database, { actor });
  const scopes = await Promise.all(summaries.map((s) => getScope(database, { actor, name: s.name })));
  return (
    <>
      {canManage && (
        <nav aria-label="Breadcrumb" className="mb-2 text-sm">
          <Link href="/settings" className="font-medium text-brand-700 hover:underline">
            Settings
          </Link>
          <span className="text-slate-600"> / Scopes</span>
        </nav>
      )}
      <PageHeader
        title="Scopes"
        description="The workloads policies cover. Built-in scopes run in Elevate's runspace; an external scope (a bastion, a database console, a deploy tool) runs its own tasks and asks Elevate for the decision."
      />
      <div className="space-y-6">
        {canManage && (
          <Card title="Register an external scope">
            <RegisterScopeForm />
          </Card>
        )}
        {scopes.map((scope) => (
          <ScopeCard key={scope.name} scope={scope} canManage={canManage} />
        ))}
      </div>
    </>
  );
}
