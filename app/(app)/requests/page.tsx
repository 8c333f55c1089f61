import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { GrantCard } from "@/components/requests/grant-card";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { requireActor } from "@/lib/auth/current-actor";
import { groupGrants } from "@/lib/requests/group-grants";
import { listRequests } from "@/lib/requests/list-requests";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const actor = await requireActor();
  const { items } = await listRequests(await db(), { actor, input: { mine: true, limit: 100 } });
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
      {items.length === 0 ? (
        <EmptyState title="You have not asked for access yet">
          <Link href="/requests/new" className="font-medium text-brand-700 hover:underline">
            Request access
          </Link>{" "}
          when a task needs it.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="My requests">
          {groupGrants(items).map((grant) => (
            <GrantCard key={grant.window.id} grant={grant} />
          ))}
        </ul>
      )}
    </>
  );
}
