import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { GrantCard } from "@/components/requests/grant-card";
import { LinkedRequestHighlight, LinkedRequestNotice } from "@/components/requests/linked-request";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { groupGrants } from "@/lib/requests/group-grants";
import { getLinkedRequest, linkedRequestId, linkedRequestNotice } from "@/lib/requests/linked-request";
import { listRequests } from "@/lib/requests/list-requests";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const database = await db();
  const { items } = await listRequests(database, { actor, input: { mine: true, limit: 100 } });
  const grants = groupGrants(items);
  // An email's link (`?request=<id>`): the card of its grant (an extension is inside its window's),
  // or, when it is not among these, what became of it.
  const linkedId = linkedRequestId((await searchParams).request);
  const linkedGrant = linkedId ? grants.find((grant) => [grant.window, ...grant.extensions].some((r) => r.id === linkedId)) : undefined;
  const notice = linkedId && !linkedGrant ? linkedRequestNotice(await getLinkedRequest(database, { actor, requestId: linkedId })) : null;
  return (
    <>
      <PageHeader
        title="My requests"
        description="Your just-in-time access: what is waiting, what is open and what ended."
        actions={
          <Link href="/requests/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Request access
          </Link>
        }
      />
      {notice && <LinkedRequestNotice notice={notice} />}
      {linkedGrant && <LinkedRequestHighlight cardId={`request-${linkedGrant.window.id}`} />}
      {items.length === 0 ? (
        <EmptyState title="You have not asked for access yet">
          <Link href="/requests/new" className="font-medium text-brand-700 hover:underline">
            Request access
          </Link>{" "}
          when a task needs it.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="My requests">
          {grants.map((grant) => (
            <GrantCard key={grant.window.id} grant={grant} />
          ))}
        </ul>
      )}
    </>
  );
}
