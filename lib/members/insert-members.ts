import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type AppRole, memberships, roleGroupAssignments, users } from "@/db/schema";
import type { AuditEventOf } from "@/lib/audit/audit-actions";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf } from "@/lib/audit/audited-transaction";
import { APP_ROLE_LABELS, type Actor } from "@/lib/auth/roles";
import { config } from "@/lib/config";
import { enqueueEmails } from "@/lib/notify/enqueue-email";

/** A person to add, already validated: their role groups resolved to ids. */
export interface NewMember {
  email: string;
  name?: string;
  roles: AppRole[];
  /** Name → id. */
  roleGroups: Map<string, string>;
  guest: boolean;
}

/** Rows per statement: well inside Postgres's 65,535 parameters whatever the table. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Where an invitation sends the person: the sign-in page, their address filled in. Never a token. */
export const signInLink = (email: string) => `${config().publicUrl}/signin?email=${encodeURIComponent(email)}`;

/**
 * Adds people who are not yet members of the organisation: one code path for one person (the
 * admin center, API, CLI) and for thousands (a CSV import). In the caller's transaction, which has
 * locked the organisation and checked that none of them is a member yet. A person already known
 * to the deployment (the `users` table is global: a member of another organisation, say) keeps
 * their user row; only a missing name is filled in. Each membership is `source: local`, invited
 * now, audited `member.added` and sent an invitation through the outbox.
 */
export async function insertMembers(
  tx: Transaction,
  { actor, people, via }: { actor: Actor; people: NewMember[]; via?: "csv" },
) {
  if (people.length === 0) return [];
  const organisationId = actor.organisationId;
  for (const part of chunks(people)) {
    await tx
      .insert(users)
      .values(part.map((p) => ({ email: p.email, name: p.name ?? null })))
      .onConflictDoNothing({ target: users.email });
  }
  const userIds = new Map<string, string>();
  for (const part of chunks(people)) {
    const rows = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, part.map((p) => p.email)));
    for (const row of rows) userIds.set(row.email, row.id);
  }
  // A known person without a name gets the one given here; a name they already have is theirs.
  for (const person of people.filter((p) => p.name)) {
    await tx
      .update(users)
      .set({ name: person.name })
      .where(and(eq(users.id, userIds.get(person.email)!), isNull(users.name)));
  }
  for (const part of chunks(people)) {
    await tx.insert(memberships).values(
      part.map((p) => ({
        organisationId,
        userId: userIds.get(p.email)!,
        kind: p.guest ? ("guest" as const) : ("member" as const),
        roles: p.roles,
        source: "local" as const,
        invitedAt: sql`now()`,
      })),
    );
  }
  const assignments = people.flatMap((p) =>
    [...p.roleGroups.values()].map((roleGroupId) => ({ organisationId, userId: userIds.get(p.email)!, roleGroupId })),
  );
  for (const part of chunks(assignments)) await tx.insert(roleGroupAssignments).values(part);

  const events: AuditEventOf<"member.added">[] = people.map((p) => ({
    organisationId,
    actor: auditActorOf(actor),
    action: "member.added",
    targetType: "user",
    targetId: userIds.get(p.email)!,
    details: {
      email: p.email,
      name: p.name ?? null,
      roles: p.roles,
      roleGroups: [...p.roleGroups.keys()],
      guest: p.guest,
      ...(via ? { via } : {}),
    },
  }));
  // Appended with the rest of the transaction, at its end (in chunks of a few thousand).
  for (const event of events) auditOf(tx).record(event);

  // One event key per call: each person is mailed once for this addition, and again only if
  // they are removed and added anew.
  const eventKey = `member-invited:${organisationId}:${randomUUID()}`;
  for (const part of chunks(people)) {
    await enqueueEmails(
      tx,
      organisationId,
      part.map((person) => ({
        eventKey,
        to: [person.email],
        email: {
          kind: "member-invited",
          props: {
            organisation: actor.organisationName,
            invitedBy: actor.name ?? actor.email,
            email: person.email,
            roles: person.roles.map((role) => APP_ROLE_LABELS[role]),
            roleGroups: [...person.roleGroups.keys()],
            guest: person.guest,
            link: signInLink(person.email),
          },
        },
      })),
    );
  }
  return people.map((p) => userIds.get(p.email)!);
}
