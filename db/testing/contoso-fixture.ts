/**
 * A test database with the Contoso demo seeded, and the demo people as actors. Tests change it
 * freely: each suite gets its own database. A test that needs a world no other test has touched
 * (its own requests, settings, policies) seeds a fresh Contoso-shaped organisation into the same
 * database with `organisation()`, so it passes alone and in any order.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { accessRequests, memberships, users } from "@/db/schema";
import { CONTOSO_DEMO, type DemoOrganisation, demoOrganisation, seedDemo } from "@/db/seed/seed-demo";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/auth/roles";
import { type TestDatabase, type TestDatabaseKind, createTestDatabase } from "./test-database";

/** One Contoso-shaped organisation of the test database: its id and its people as actors. */
export interface OrganisationFixture {
  organisationId: string;
  slug: string;
  /** This organisation's address of a Contoso demo account: `requester@contoso.com` → `requester@<slug>.example`. */
  email(contosoAddress: string): string;
  /** The demo person (named by their Contoso address) as the domain sees them, loaded fresh (roles and groups as they are now). */
  actor(contosoAddress: string): Promise<Actor>;
  /** Their user id, for rows a test writes directly. */
  userId(contosoAddress: string): Promise<string>;
}

export interface ContosoFixture extends OrganisationFixture {
  database: TestDatabase;
  /** Moves a request's clock: its pending lifetime or its window ran out a minute ago. */
  lapsePending(requestId: string): Promise<void>;
  endWindow(requestId: string): Promise<void>;
  /**
   * A fresh Contoso-shaped organisation in the same database, seeded like Contoso (people, groups,
   * policies, history), its people at their own addresses. A random slug unless one is given.
   */
  organisation(slug?: string): Promise<OrganisationFixture>;
}

export async function contosoFixture(kind: TestDatabaseKind): Promise<ContosoFixture> {
  const database = await createTestDatabase(kind);
  const contoso = await seededOrganisation(database, CONTOSO_DEMO);
  return {
    ...contoso,
    database,
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
    organisation: (slug = `org-${randomBytes(4).toString("hex")}`) => seededOrganisation(database, demoOrganisation(slug, `Test ${slug}`)),
  };
}

async function seededOrganisation(database: TestDatabase, organisation: DemoOrganisation): Promise<OrganisationFixture> {
  const { organisationId } = await seedDemo(database.db, { organisation });
  const userId = async (contosoAddress: string) => {
    const email = organisation.email(contosoAddress);
    const [member] = await database.db
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId)))
      .where(eq(users.email, email));
    if (!member) throw new Error(`no demo member ${email} in ${organisation.slug}`);
    return member.id;
  };
  return {
    organisationId,
    slug: organisation.slug,
    email: organisation.email,
    userId,
    async actor(contosoAddress) {
      const actor = await loadActor(database.db, await userId(contosoAddress), organisationId);
      if (!actor) throw new Error(`${organisation.email(contosoAddress)} is not an active member of ${organisation.slug}`);
      return actor;
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
