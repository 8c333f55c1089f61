/**
 * A scheduled window counts from its start, not from its approval. The clock is the database's
 * (lib/db-clock.ts); the test moves time by moving the window's start, as the fixture moves
 * pending lifetimes and window ends.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRequests } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { databaseNow } from "@/lib/db-clock";
import { createRequest } from "@/lib/requests/create-request";
import { decideAccess } from "./decide-access";

describe.each(testDatabaseKinds)("a scheduled window on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** The clock reaches the window's start: it began a minute ago and keeps its length. */
  const reachStart = (requestId: string) =>
    db()
      .update(accessRequests)
      .set({
        startsAt: sql`now() - interval '1 minute'`,
        endsAt: sql`now() - interval '1 minute' + make_interval(mins => ${accessRequests.durationMinutes})`,
      })
      .where(eq(accessRequests.id, requestId));

  it("grants nothing before its startsAt, even approved, and grants from its start", async () => {
    const requester = await f.actor("requester2@contoso.com");
    const startsAt = new Date((await databaseNow(db())).getTime() + 2 * 3600_000);
    startsAt.setMilliseconds(0);
    const request = await createRequest(db(), {
      actor: requester,
      input: { type: "role", target: "Transport Rules", reason: "Friday change window", durationHours: 2, startsAt: startsAt.toISOString() },
    });
    const approved = await approveRequest(db(), { actor: await f.actor("approver2@contoso.com"), requestId: request.id });
    expect(approved).toMatchObject({ status: "approved", active: false, startsAt: startsAt.toISOString() });

    const decide = () =>
      decideAccess(db(), { organisationId: f.organisationId, userId: requester.userId, scope: "Exchange", task: "Set-TransportRule" });
    expect(await decide()).toMatchObject({ allowed: false, code: "no-grant", requestId: null });

    await reachStart(request.id);
    expect(await decide()).toMatchObject({ allowed: true, code: "grant", requestId: request.id });
  });
});
