/**
 * A test database with the Contoso demo seeded, and the demo people as actors. Tests change it
 * freely: each suite gets its own database.
 */
import { eq, sql } from "drizzle-orm";
import { accessRequests, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/seed-demo";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/auth/roles";
import { type TestDatabase, type TestDatabaseKind, createTestDatabase } from "./test-database";

export interface ContosoFixture {
  database: TestDatabase;
  organisationId: string;
  /** The demo person as the domain sees them, loaded fresh (roles and groups as they are now). */
  actor(email: string): Promise<Actor>;
  /** Moves a request's clock: its pending lifetime or its window ran out a minute ago. */
  lapsePending(requestId: string): Promise<void>;
  endWindow(requestId: string): Promise<void>;
}

export async function contosoFixture(kind: TestDatabaseKind): Promise<ContosoFixture> {
  const database = await createTestDatabase(kind);
  const { organisationId } = await seedDemo(database.db);
  return {
    database,
    organisationId,
    async actor(email) {
      const user = await database.db.query.users.findFirst({ where: eq(users.email, email) });
      if (!user) throw new Error(`no demo user ${email}`);
      const actor = await loadActor(database.db, user.id, organisationId);
      if (!actor) throw new Error(`${email} is not an active member`);
      return actor;
    },
    async lapsePending(requestId) {
      await database.db
        .update(accessRequests)
        .set({ pendingUntil: sql`now() - interval '1 minute'` })
        .where(eq(accessRequests.id, requestId));
    },
    async endWindow(requestId) {
      await database.db
        .update(accessRequests)
        .set({ startsAt: sql`now() - interval '2 hours'`, endsAt: sql`now() - interval '1 minute'` })
        .where(eq(accessRequests.id, requestId));
    },
  };
}

/** The rejection's code, for `expect(await codeOf(promise)).toBe("forbidden:…")`. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? `uncoded: ${(error as Error).message}`;
  }
  return "no error";
}
