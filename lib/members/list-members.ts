import { type SQL, and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { containingPattern } from "@/db/like-pattern";
import { type AppRole, memberships, users } from "@/db/schema";
import { standingRoleGroupNames } from "@/lib/auth/load-actor";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { DEFAULT_PAGE_SIZE, cursorValue, decodeCursor, encodeCursor, pageCursor, pageLimit } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { memberEmail } from "./member-input";

/** One member as the screens show them: who, how they came in, and what they hold. */
export interface MemberView {
  userId: string;
  email: string;
  name: string | null;
  kind: "member" | "guest";
  guest: boolean;
  roles: AppRole[];
  excludedFromPam: boolean;
  disabled: boolean;
  disabledAt: string | null;
  approverGroups: string[];
  standingRoleGroups: string[];
  source: "local" | "scim" | "oidc";
  invitedAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

/** The API's Member object (api.md). */
export function apiMemberOf(view: MemberView) {
  return {
    email: view.email,
    name: view.name,
    roles: view.roles,
    guest: view.guest,
    roleGroups: view.standingRoleGroups,
    disabled: view.disabled,
    source: view.source,
    createdAt: view.createdAt,
    lastSignInAt: view.lastSignInAt,
  };
}

/** Every member (disabled ones too), by email: the settings pickers and the members screen. */
export async function listMembers(db: Database, { actor }: { actor: Actor }): Promise<MemberView[]> {
  authorize(actor, "view-members");
  return selectMembers(db, actor.organisationId);
}

export const listMembersInput = z.strictObject({
  /** Part of an email or name, case-insensitive. */
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  limit: pageLimit.default(DEFAULT_PAGE_SIZE),
  cursor: pageCursor.optional(),
});

/** One page of members by email, for the API's `GET /members` (keyset: the last email seen). */
export async function listMembersPage(db: Database, { actor, input }: { actor: Actor; input: z.input<typeof listMembersInput> }) {
  authorize(actor, "view-members");
  const data = parseInput(listMembersInput, input);
  const after = data.cursor ? decodeCursor(data.cursor, { email: cursorValue.text }).email : undefined;
  const pattern = data.q ? containingPattern(data.q) : undefined;
  const rows = await selectMembers(
    db,
    actor.organisationId,
    and(
      after === undefined ? undefined : gt(users.email, after),
      pattern === undefined ? undefined : or(ilike(users.email, pattern), ilike(users.name, pattern)),
    ),
    data.limit + 1,
  );
  const items = rows.slice(0, data.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > data.limit && last ? encodeCursor({ email: last.email }) : null };
}

/** One member by email; `not-found:member` when they are not one of this organisation. */
export async function getMember(db: Database, { actor, email }: { actor: Actor; email: string }) {
  authorize(actor, "view-members");
  const data = parseInput(z.strictObject({ email: memberEmail }), { email });
  const [view] = await selectMembers(db, actor.organisationId, eq(users.email, data.email));
  if (!view) throw memberNotFound(data.email);
  return view;
}

export const memberNotFound = (email: string) =>
  new DomainError("not-found:member", `${email} is not a member of this organisation.`);

/** The view of this organisation's members matching `where` (all when absent), by email. */
export async function selectMembers(db: Executor, organisationId: string, where?: SQL, limit?: number): Promise<MemberView[]> {
  const query = db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      kind: memberships.kind,
      roles: memberships.roles,
      excludedFromPam: memberships.excludedFromPam,
      disabledAt: memberships.disabledAt,
      source: memberships.source,
      invitedAt: memberships.invitedAt,
      lastSignInAt: memberships.lastSignInAt,
      createdAt: memberships.createdAt,
      approverGroups: sql<string[]>`coalesce((
        select json_agg(g.name order by g.name)
        from approver_group_members gm join approver_groups g on g.id = gm.group_id
        where gm.user_id = ${memberships.userId} and gm.organisation_id = ${memberships.organisationId}), '[]'::json)`,
      standingRoleGroups: standingRoleGroupNames(memberships.userId, memberships.organisationId),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), where))
    .orderBy(asc(users.email));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((row) => ({
    ...row,
    guest: row.kind === "guest",
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    invitedAt: row.invitedAt?.toISOString() ?? null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}
