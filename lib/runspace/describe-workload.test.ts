import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed/seed-demo";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { loadActor } from "@/lib/auth/load-actor";
import { describeWorkload } from "./describe-workload";
import { exchangeOrganizationOf } from "./exchange/organization";

describe("the tenant the simulated cmdlets answer for", () => {
  it("is the organisation's slug under onmicrosoft.com, as a DNS label", () => {
    expect(exchangeOrganizationOf("contoso")).toBe("contoso.onmicrosoft.com");
    expect(exchangeOrganizationOf("Acme Corp_EU")).toBe("acme-corp-eu.onmicrosoft.com");
    expect(exchangeOrganizationOf("--")).toBe("organisation.onmicrosoft.com");
  });
});

describe.each(testDatabaseKinds)("what the runspace works on, on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());

  const actorOf = async (email: string, organisationId: string) => {
    const user = await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) });
    return (await loadActor(database.db, user!.id, organisationId))!;
  };

  it("is a simulated Exchange Online in a demo organisation and in a real one, each named after itself", async () => {
    const { organisationId: contoso } = await seedDemo(database.db);
    const { organisation: acme } = await bootstrapAdmin(database.db, { email: "ops@acme.example", organisationSlug: "acme" });
    expect(await describeWorkload(database.db, { actor: await actorOf("admin@contoso.com", contoso) })).toEqual({
      scope: "Exchange",
      simulated: true,
      demo: true,
      organization: "contoso.onmicrosoft.com",
    });
    expect(await describeWorkload(database.db, { actor: await actorOf("ops@acme.example", acme.id) })).toEqual({
      scope: "Exchange",
      simulated: true,
      demo: false,
      organization: "acme.onmicrosoft.com",
    });
  });
});
