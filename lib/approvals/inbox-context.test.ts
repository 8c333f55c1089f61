import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { loadActor } from "@/lib/auth/load-actor";
import { createPolicy } from "@/lib/policies/create-policy";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { createRequest } from "@/lib/requests/create-request";
import { RECENT_REQUESTS_SHOWN } from "./inbox-context";
import { listInbox } from "./list-inbox";

describe.each(testDatabaseKinds)("the approver's view of who asks, on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("names the requester, badges a guest, and lists their last five requests for the same target in this organisation only", async () => {
    const org = await f.organisation();
    const other = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    for (const target of ["Set-JournalRule", "Remove-JournalRule"]) {
      await createPolicy(db(), { actor: admin, input: { type: "task", target } }).catch(() => undefined);
    }
    const requester = await org.actor("requester@contoso.com");
    const ask = (actor = requester, target = "Set-JournalRule") =>
      createRequest(db(), { actor, input: { target, reason: "Change CHG-7", ticket: "CHG-7" } });
    const earlier: string[] = [];
    for (let i = 0; i < RECENT_REQUESTS_SHOWN + 2; i++) {
      const request = await ask();
      earlier.unshift(request.id);
      await cancelRequest(db(), { actor: requester, requestId: request.id });
    }
    // Another target, and the same person's request in another organisation: neither is history here.
    const otherTarget = await ask(requester, "Remove-JournalRule");
    await cancelRequest(db(), { actor: requester, requestId: otherTarget.id });
    await db().insert(memberships).values({ organisationId: other.organisationId, userId: requester.userId });
    const elsewhere = (await loadActor(db(), requester.userId, other.organisationId))!;
    await createPolicy(db(), { actor: await other.actor("admin@contoso.com"), input: { type: "task", target: "Set-JournalRule" } }).catch(
      () => undefined,
    );
    const abroad = await ask(elsewhere);
    await cancelRequest(db(), { actor: elsewhere, requestId: abroad.id });

    const pending = await ask();
    // A member who asked and has since become a guest (kind is what the badge reads, whatever the address).
    const guest = await ask(await org.actor("requester2@contoso.com"));
    await db()
      .update(memberships)
      .set({ kind: "guest" })
      .where(and(eq(memberships.organisationId, org.organisationId), eq(memberships.userId, await org.userId("requester2@contoso.com"))));
    const inbox = await listInbox(db(), { actor: await org.actor("approver1@contoso.com") });

    const card = inbox.find((item) => item.id === pending.id)!;
    expect(card).toMatchObject({ requester: org.email("requester@contoso.com"), requesterName: "Adele Vance", requesterGuest: false });
    expect(card.recentRequests.map((r) => r.id)).toEqual(earlier.slice(0, RECENT_REQUESTS_SHOWN));
    expect(card.recentRequests.every((r) => r.status === "cancelled" && !Number.isNaN(Date.parse(r.createdAt)))).toBe(true);
    expect(card.tasks).toEqual(["Set-JournalRule"]);
    expect(card.roles).toEqual([]);

    expect(inbox.find((item) => item.id === guest.id)).toMatchObject({
      requesterName: "Lynne Robbins",
      requesterGuest: true,
      recentRequests: [],
    });
  });

  it("says what a role group opens: its roles and their tasks", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    await createPolicy(db(), { actor: admin, input: { type: "roleGroup", target: "Organization Management" } }).catch(() => undefined);
    const request = await createRequest(db(), {
      actor: await org.actor("requester2@contoso.com"),
      input: { type: "roleGroup", target: "Organization Management", reason: "Change CHG-8", ticket: "CHG-8" },
    });
    const card = (await listInbox(db(), { actor: await org.actor("approver1@contoso.com") })).find((item) => item.id === request.id)!;
    expect(card.roles.length).toBeGreaterThan(0);
    expect(card.tasks.length).toBeGreaterThan(card.roles.length);
  });
});
