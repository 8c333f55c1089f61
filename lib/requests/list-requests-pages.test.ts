/**
 * Paging through requests never skips or repeats one, even when several were created in the same
 * millisecond: Postgres keeps microseconds, and a cursor rounded to the millisecond used to leave
 * out the rows created later in its last row's millisecond.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRequests } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { createRequest } from "./create-request";
import { listRequests } from "./list-requests";

describe.each(testDatabaseKinds)("pages of requests on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());

  it("walk every request once when several share a millisecond", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const ids: string[] = [];
    for (const target of ["New-JournalRule", "Add-MailboxPermission", "Transport Rules", "Compliance Management"]) {
      const type = target === "Transport Rules" ? "role" : target === "Compliance Management" ? "roleGroup" : "task";
      ids.push((await createRequest(f.database.db, { actor: requester, input: { type, target, reason: "Paging", ticket: "CHG-1" } })).id);
    }
    // The same millisecond, four different microseconds.
    for (const [index, id] of ids.entries()) {
      await f.database.db
        .update(accessRequests)
        .set({ createdAt: sql`timestamptz '2026-06-01 10:00:00.123000+00' + ${index * 100} * interval '1 microsecond'` })
        .where(eq(accessRequests.id, id));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRequests(f.database.db, { actor: requester, input: { mine: true, limit: 1, cursor } });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const ours = seen.filter((id) => ids.includes(id));
    // Newest first: the one with the most microseconds leads, and each appears exactly once.
    expect(ours).toEqual([...ids].reverse());
    const rows = await f.database.db.select({ id: accessRequests.id }).from(accessRequests).where(inArray(accessRequests.requesterId, [requester.userId]));
    expect(new Set(seen).size).toBe(rows.length);
  });
});
