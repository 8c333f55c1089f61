import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { requireActor } from "@/lib/auth/current-actor";
import { describeActor } from "@/lib/auth/roles";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const summary = await getDashboardSummary(await db(), actor);
  return (
    <>
      <PageHeader title={`Welcome, ${actor.name ?? actor.email}`} description="Your access and what is waiting for you." />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Who you are" className="lg:col-span-2">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">Signed in as</dt>
            <dd data-testid="identity-email">{actor.email}</dd>
            <dt className="text-slate-500">Organisation</dt>
            <dd data-testid="identity-organisation">{actor.organisationName}</dd>
            <dt className="text-slate-500">Roles</dt>
            <dd className="flex flex-wrap gap-1.5" data-testid="identity-roles">
              {describeActor(actor).map((label) => (
                <Badge key={label} tone="brand">
                  {label}
                </Badge>
              ))}
            </dd>
            <dt className="text-slate-500">Standing role groups</dt>
            <dd>{actor.standingRoleGroups.length ? actor.standingRoleGroups.join(", ") : "None"}</dd>
          </dl>
        </Card>
        <Card title="Privileged access">
          <dl className="space-y-3 text-sm">
            <div className="flex justify-between">
              <dt className="text-slate-500">PAM</dt>
              <dd>{summary.pamEnabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="amber">Disabled</Badge>}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">Policies</dt>
              <dd>
                {summary.policyCount} of {summary.policyLimit}
              </dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">My active access</dt>
              <dd>{summary.myActiveGrants}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">Approvals waiting for me</dt>
              <dd>{summary.waitingForMe}</dd>
            </div>
          </dl>
        </Card>
      </div>
    </>
  );
}
