import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { MemberPanels } from "@/components/members/member-panels";
import { MembersTable } from "@/components/members/members-table";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { listMembersPage } from "@/lib/members/list-members";
import { listRoleGroupOptions } from "@/lib/members/list-role-group-options";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "People" };
export const dynamic = "force-dynamic";

/** The screen shows this many at once; the search narrows a large organisation down. */
const PAGE = 500;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "view-members")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const params = await searchParams;
  const raw = Array.isArray(params.q) ? params.q[0] : params.q;
  const q = raw?.trim().slice(0, 200) || undefined;
  const database = await db();
  const [page, roleGroups] = await Promise.all([
    listMembersPage(database, { actor, input: { q, limit: PAGE } }),
    listRoleGroupOptions(database, { actor }),
  ]);
  const canManage = can(actor, "manage-members");

  return (
    <>
      <PageHeader
        title="People"
        description={`Who is in ${actor.organisationName}: their app roles, standing role groups and status. Every change is audited.`}
      />
      {canManage ? (
        <MemberPanels roleGroups={roleGroups} />
      ) : (
        <p className="mb-4 max-w-2xl text-sm text-slate-700">Only Global Administrators add, change or remove members.</p>
      )}
      <form role="search" method="get" className="mb-4 flex max-w-md flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="members-q" className="block text-sm font-medium text-slate-800">
            Find a member
          </label>
          <input
            id="members-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
            placeholder="Name or email"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          />
        </div>
        <button type="submit" className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
          Search
        </button>
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={q ? `Nobody matches “${q}”` : "No members yet"} />
      ) : (
        <MembersTable members={page.items} roleGroups={roleGroups} canManage={canManage} selfId={actor.userId} />
      )}
      {page.nextCursor && (
        <p className="mt-3 text-sm text-slate-700">
          Showing the first {PAGE} by email: search to find someone else, or use <code>elevate member list</code>.
        </p>
      )}
    </>
  );
}
