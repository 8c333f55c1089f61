import type { Metadata } from "next";
import Link from "next/link";
import { RequestsChart } from "@/components/dashboard/requests-chart";
import { SetupChecklist } from "@/components/dashboard/setup-checklist";
import { PageHeader } from "@/components/page-header";
import { LocalTime, RelativeTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { describeActor } from "@/lib/auth/roles";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";
import { getRequestStats } from "@/lib/dashboard/get-request-stats";
import { getSetupChecklist } from "@/lib/dashboard/get-setup-checklist";
import { listRecentActivity } from "@/lib/dashboard/list-recent-activity";
import { groupGrants } from "@/lib/requests/group-grants";
import { listRequests } from "@/lib/requests/list-requests";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Dashboard" };

function duration(seconds: number | null) {
  if (seconds === null) return "no decisions yet";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export default async function DashboardPage() {
  const actor = await requireActor();
  const database = await db();
  const [summary, active, activity, stats, checklist] = await Promise.all([
    getDashboardSummary(database, actor),
    listRequests(database, { actor, input: { mine: true, active: true, limit: 20 } }),
    listRecentActivity(database, { actor }),
    can(actor, "request-stats") ? getRequestStats(database, { actor }) : Promise.resolve(null),
    getSetupChecklist(database, { actor }),
  ]);
  const openNow = active.items.filter((r) => r.active);
  // A scheduled extension is part of the window it follows: say where the grant ends.
  const grants = groupGrants(active.items);
  const extendedTo = (window: (typeof openNow)[number]) => {
    const grant = grants.find((g) => g.window.id === window.id);
    return grant?.endsAt && grant.endsAt !== window.endsAt ? grant.endsAt : null;
  };
  return (
    <>
      <PageHeader title={`Welcome, ${actor.name ?? actor.email}`} description="Your access and what is waiting for you." />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        {checklist && !checklist.complete && <SetupChecklist checklist={checklist} />}
        <Card title="My active access" className="lg:col-span-2">
          {openNow.length === 0 ? (
            <p className="text-sm text-slate-600">
              No open window.{" "}
              <Link href="/requests/new" className="font-medium text-brand-700 hover:underline">
                Request access
              </Link>{" "}
              when a task needs it.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="My active access">
              {openNow.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="min-w-0 font-medium text-slate-900 wrap-anywhere">{r.target}</span>
                  <span className="text-slate-700">
                    <RelativeTime iso={r.endsAt!} verb={{ future: "ends", past: "ended" }} absolute />
                    {extendedTo(r) && (
                      <>
                        , extended to <LocalTime iso={extendedTo(r)!} />
                      </>
                    )}{" "}
                    ·{" "}
                    <Link href="/runspace" className="font-medium text-brand-700 hover:underline">
                      Run it
                    </Link>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Privileged access">
          <dl className="space-y-3 text-sm">
            <div className="flex justify-between">
              <dt className="text-slate-600">PAM</dt>
              <dd>{summary.pamEnabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="amber">Disabled</Badge>}</dd>
            </div>
            {summary.policies && (
              <div className="flex justify-between">
                <dt className="text-slate-600">Policies</dt>
                <dd>
                  <Link href="/policies" className="font-medium text-brand-700 hover:underline">
                    {summary.policies.count} of {summary.policies.limit}
                  </Link>
                </dd>
              </div>
            )}
            {can(actor, "approve-requests") && (
              <div className="flex justify-between">
                <dt className="text-slate-600">Approvals waiting for me</dt>
                <dd>
                  <Link href="/inbox" className="font-medium text-brand-700 hover:underline">
                    {summary.waitingForMe}
                  </Link>
                </dd>
              </div>
            )}
          </dl>
        </Card>
        <Card title="Who you are" className="lg:col-span-2">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
            <dt className="text-slate-600">Signed in as</dt>
            <dd data-testid="identity-email" className="wrap-anywhere">{actor.email}</dd>
            <dt className="text-slate-600">Organisation</dt>
            <dd data-testid="identity-organisation">{actor.organisationName}</dd>
            <dt className="text-slate-600">Roles</dt>
            <dd className="flex flex-wrap gap-1.5" data-testid="identity-roles">
              {describeActor(actor).map((label) => (
                <Badge key={label} tone="brand">
                  {label}
                </Badge>
              ))}
            </dd>
            <dt className="text-slate-600">Standing role groups</dt>
            <dd>{actor.standingRoleGroups.length ? actor.standingRoleGroups.join(", ") : "None"}</dd>
          </dl>
        </Card>
        <Card title={activity.orgWide ? "Recent activity" : "My recent activity"}>
          {activity.events.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing yet.</p>
          ) : (
            <ul className="space-y-2 text-sm" aria-label="Recent activity">
              {activity.events.map((e) => (
                <li key={e.id}>
                  <span className="font-medium text-slate-900">{e.label}</span>
                  {e.subject && <span className="text-slate-700 wrap-anywhere"> · {e.subject}</span>}
                  <span className="block text-xs text-slate-600 wrap-anywhere">
                    {e.actor} · <LocalTime iso={e.at} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {stats && (
          <Card title="Requests, last 30 days" className="lg:col-span-3">
            <p className="mb-2 text-sm text-slate-700">
              Median time to decision: <strong>{duration(stats.medianSecondsToDecision)}</strong> over {stats.decided} decided requests.
            </p>
            <RequestsChart days={stats.perDay} />
          </Card>
        )}
      </div>
    </>
  );
}
