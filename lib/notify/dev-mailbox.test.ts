import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, memberships, organisations, users } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { decideSignIn } from "@/lib/auth/decide-sign-in";
import { updateMember } from "@/lib/members/update-member";
import { listDevMailbox } from "./list-dev-mailbox";
import { sendSignInLink } from "./send-sign-in-link";

describe.each(testDatabaseKinds)("the dev mailbox on %s", (kind) => {
  let f: ContosoFixture;
  let realOrganisationId: string;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    // A real organisation on the same demo-mode deployment, whose Global Administrator is also one
    // of the demo's people (as someone who tried the demo with their work address would be).
    const [real] = await f.database.db.insert(organisations).values({ slug: "northwind", name: "Northwind" }).returning();
    realOrganisationId = real!.id;
    await f.database.db
      .insert(memberships)
      .values({ organisationId: realOrganisationId, userId: await f.userId("approver2@contoso.com"), roles: ["global_admin"] });
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  const link = () => `http://localhost:3000/api/auth/callback/resend?token=${randomUUID()}&email=x`;
  const mailbox = async () => (await listDevMailbox(db())) ?? [];
  const shownTo = async (email: string) => (await mailbox()).filter((message) => message.toEmail === email);
  const keep = (organisationId: string, toEmail: string) =>
    db()
      .insert(emailOutbox)
      .values({ organisationId, eventKey: `test:${randomUUID()}`, kind: "sign-in", toEmail, subject: "Sign in", html: "<p>x</p>", text: "x", status: "dev" })
      .returning({ id: emailOutbox.id });

  it("shows a sign-in link of a demo organisation's own account", async () => {
    await sendSignInLink(db(), { email: "requester@contoso.com", url: link() });
    expect(await shownTo("requester@contoso.com")).toHaveLength(1);
  });

  it("hides the link of a demo account who is also a real organisation's member: it would open that organisation", async () => {
    await sendSignInLink(db(), { email: "approver2@contoso.com", url: link() });
    // Kept under the demo organisation (the person's oldest)...
    const kept = await db().select().from(emailOutbox).where(eq(emailOutbox.toEmail, "approver2@contoso.com"));
    expect(kept.some((message) => message.organisationId === f.organisationId && message.kind === "sign-in")).toBe(true);
    expect(await shownTo("approver2@contoso.com")).toEqual([]);

    // ...and this is why: the demo's Global Administrator (one click away) disables the demo
    // membership, and the very same link now opens the real organisation as its administrator.
    await updateMember(db(), { actor: await f.actor("admin@contoso.com"), input: { email: "approver2@contoso.com", disabled: true } });
    try {
      expect(await decideSignIn(db(), { method: "resend", email: "approver2@contoso.com" })).toMatchObject({
        outcome: "member",
        organisationId: realOrganisationId,
      });
      expect(await shownTo("approver2@contoso.com")).toEqual([]);
    } finally {
      await updateMember(db(), { actor: await f.actor("admin@contoso.com"), input: { email: "approver2@contoso.com", disabled: false } });
    }
  });

  it("hides mail to a disabled demo member and to an address that is no member of the organisation", async () => {
    await keep(f.organisationId, "requester2@contoso.com");
    await keep(f.organisationId, "first.timer@contoso.com");
    await keep(f.organisationId, "someone@evil.example");
    expect(await shownTo("requester2@contoso.com")).toHaveLength(1);
    await db()
      .update(memberships)
      .set({ disabledAt: new Date() })
      .where(and(eq(memberships.organisationId, f.organisationId), eq(memberships.userId, await f.userId("requester2@contoso.com"))));
    expect(await shownTo("requester2@contoso.com")).toEqual([]);
    expect(await shownTo("first.timer@contoso.com")).toEqual([]);
    expect(await shownTo("someone@evil.example")).toEqual([]);
  });

  it("hides a real organisation's mail, and a demo organisation's mail to someone who is only the real one's", async () => {
    const [outsider] = await db().insert(users).values({ email: "ops@northwind.example" }).returning();
    await db().insert(memberships).values({ organisationId: realOrganisationId, userId: outsider!.id, roles: ["global_admin"] });
    await keep(realOrganisationId, "ops@northwind.example");
    await keep(f.organisationId, "ops@northwind.example");
    expect(await shownTo("ops@northwind.example")).toEqual([]);
    expect((await mailbox()).every((message) => message.toEmail.endsWith("@contoso.com"))).toBe(true);
  });
});
