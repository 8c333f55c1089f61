import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { InboxList } from "@/components/inbox/inbox-list";
import { PageHeader } from "@/components/page-header";
import { LinkedRequestHighlight, LinkedRequestNotice } from "@/components/requests/linked-request";
import { StatusBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/time/local-time";
import { Card } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { db } from "@/db/client";
import { listInbox } from "@/lib/approvals/list-inbox";
import { listMyDecisions } from "@/lib/approvals/list-my-decisions";
import { can } from "@/lib/auth/permissions";
import { getLinkedRequest, linkedRequestId, linkedRequestNotice } from "@/lib/requests/linked-request";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Approvals" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "approve-requests")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const database = await db();
  const [pending, history] = await Promise.all([listInbox(database, { actor }), listMyDecisions(database, { actor, limit: 20 })]);
  // An email's link (`?request=<id>`): its card when it waits here, else what became of it.
  const linkedId = linkedRequestId((await searchParams).request);
  const linkedWaits = linkedId !== null && pending.some((item) => item.id === linkedId);
  const notice = linkedId && !linkedWaits ? linkedRequestNotice(await getLinkedRequest(database, { actor, requestId: linkedId })) : null;
  return (
    <>
      <PageHeader
        title="Approvals"
        description={`Requests waiting for ${actor.approverGroups.map((g) => g.name).join(", ")}. Nobody decides their own.`}
      />
      {notice && <LinkedRequestNotice notice={notice} />}
      {linkedWaits && <LinkedRequestHighlight cardId={`request-${linkedId}`} />}
      <section aria-labelledby="pending-heading" className="mb-8">
        <h2 id="pending-heading" className="mb-3 text-lg font-semibold">
          Waiting for a decision
        </h2>
        <InboxList initial={pending} />
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          My decisions
        </h2>
        <Card>
          {history.length === 0 ? (
            <p className="text-sm text-slate-600">You have not decided any request yet.</p>
          ) : (
            <ScrollRegion label="My decisions table">
              <table className="w-full min-w-[36rem] text-left text-sm">
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">When</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Requester</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Target</th>
                    <th scope="col" className="py-2 pr-4 font-medium">My decision</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Outcome</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {history.map((d) => (
                    <tr key={`${d.request.id}-${d.at}`}>
                      <td className="py-2 pr-4">
                        <LocalTime iso={d.at} />
                      </td>
                      <td className="py-2 pr-4 wrap-anywhere">{d.request.requester}</td>
                      <td className="py-2 pr-4">{d.request.target}</td>
                      <td className="py-2 pr-4 wrap-anywhere">
                        {d.decision === "approve" ? "Approved" : "Denied"}
                        {d.comment ? `: “${d.comment}”` : ""}
                      </td>
                      <td className="py-2 pr-4">
                        <StatusBadge status={d.request.status} active={d.request.status === "approved" ? d.request.active : undefined} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Card>
      </section>
    </>
  );
}
