import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberships, organisations, users } from "@/db/schema";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { loadConfig } from "@/lib/config";
import { prepareDatabase } from "./prepare-database";

describe.each(testDatabaseKinds)("what a server start does to its %s database", (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(() => database.destroy());

  it(kind === "embedded" ? "seeds the demo on the first start only" : "never seeds a real Postgres", async () => {
    const notes = await prepareDatabase(database, loadConfig({}));
    const seeded = kind === "embedded";
    expect(notes).toEqual(seeded ? ["seeded the Contoso demo"] : []);
    expect(await database.db.$count(organisations)).toBe(seeded ? 1 : 0);
    expect(await prepareDatabase(database, loadConfig({}))).toEqual([]);
  });

  it("seeds nothing when demo mode is off, even on the embedded database", async () => {
    expect(await prepareDatabase(database, loadConfig({ ELEVATE_DEMO: "0" }))).toEqual([]);
    expect(await database.db.$count(organisations)).toBe(0);
  });

  it("makes ELEVATE_ADMIN_EMAIL a Global Administrator", async () => {
    await prepareDatabase(database, loadConfig({ ELEVATE_ADMIN_EMAIL: "Owner@Example.com" }));
    const [row] = await database.db
      .select({ roles: memberships.roles })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "owner@example.com"));
    expect(row?.roles).toContain("global_admin");
  });
});
