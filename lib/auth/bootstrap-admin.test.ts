import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberships, organisations, users } from "@/db/schema";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { BootstrapError, bootstrapAdmin } from "./bootstrap-admin";

describe.each(testDatabaseKinds)("bootstrapping the first administrator on %s", (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(() => database.destroy());

  const membershipOf = async (email: string) => {
    const [row] = await database.db
      .select({ roles: memberships.roles, disabledAt: memberships.disabledAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, email));
    return row;
  };

  it("creates the organisation and a Global Administrator on an empty install, audited", async () => {
    const result = await bootstrapAdmin(database.db, { email: "Ops@Example.com", organisationName: "Example" });
    expect(result).toMatchObject({ email: "ops@example.com", changed: true });
    expect(result.organisation.name).toBe("Example");
    expect((await membershipOf("ops@example.com"))?.roles).toEqual(["global_admin"]);
    const chain = await verifyAuditChain(database.db, result.organisation.id);
    expect(chain).toEqual({ ok: true, checked: 1, firstBrokenId: null });
  });

  it("changes nothing the second time", async () => {
    await bootstrapAdmin(database.db, { email: "ops@example.com" });
    const again = await bootstrapAdmin(database.db, { email: "ops@example.com" });
    expect(again.changed).toBe(false);
    expect(await database.db.$count(organisations)).toBe(1);
  });

  it("re-enables a disabled administrator and keeps their other roles", async () => {
    const first = await bootstrapAdmin(database.db, { email: "ops@example.com" });
    await database.db
      .update(memberships)
      .set({ roles: ["auditor"], disabledAt: new Date() })
      .where(eq(memberships.organisationId, first.organisation.id));
    await bootstrapAdmin(database.db, { email: "ops@example.com" });
    expect(await membershipOf("ops@example.com")).toEqual({ roles: ["auditor", "global_admin"], disabledAt: null });
  });

  it("asks which organisation when there are several", async () => {
    await database.db.insert(organisations).values([
      { slug: "a", name: "A" },
      { slug: "b", name: "B" },
    ]);
    await expect(bootstrapAdmin(database.db, { email: "ops@example.com" })).rejects.toBeInstanceOf(BootstrapError);
    const result = await bootstrapAdmin(database.db, { email: "ops@example.com", organisationSlug: "b" });
    expect(result.organisation.slug).toBe("b");
  });

  it("refuses an address that is not one, writing nothing", async () => {
    await expect(bootstrapAdmin(database.db, { email: "ops" })).rejects.toThrow(/email/);
    expect(await database.db.$count(organisations)).toBe(0);
  });
});
