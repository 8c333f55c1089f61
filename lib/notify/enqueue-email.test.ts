/**
 * The outbox holds one message per event and recipient: a repeated event (two sweepers, a retried
 * transaction, a notification written twice) adds nothing, and never fails the change it rides on.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { enqueueEmail } from "./enqueue-email";

describe.each(testDatabaseKinds)("the email outbox on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("writes one message per event and recipient: enqueuing the same event again writes nothing more", async () => {
    const eventKey = `member-invited:${crypto.randomUUID()}`;
    const enqueue = (to: string[]) =>
      db().transaction((tx) =>
        enqueueEmail(tx, f.organisationId, {
          eventKey,
          to,
          email: {
            kind: "member-invited",
            props: { organisation: "Contoso", invitedBy: "admin", email: "x@contoso.com", roles: [], roleGroups: [], guest: false, link: "https://elevate.example.com/signin" },
          },
        }),
      );
    expect(await enqueue(["approver1@contoso.com", "approver2@contoso.com"])).toBe(2);
    expect(await enqueue(["approver1@contoso.com", "approver2@contoso.com"])).toBe(0);
    // A recipient the first time did not name still gets theirs, once.
    expect(await enqueue(["APPROVER2@contoso.com", "admin@contoso.com"])).toBe(1);
    const rows = await db()
      .select({ to: emailOutbox.toEmail })
      .from(emailOutbox)
      .where(eq(emailOutbox.eventKey, eventKey))
      .orderBy(asc(emailOutbox.toEmail));
    expect(rows.map((r) => r.to)).toEqual(["admin@contoso.com", "approver1@contoso.com", "approver2@contoso.com"]);
  });

  it("writes to active members of the organisation only, and stores what the message is about for the worker to render", async () => {
    const eventKey = `member-invited:${crypto.randomUUID()}`;
    const email = {
      kind: "member-invited" as const,
      props: { organisation: "Contoso", invitedBy: "admin", email: "x@contoso.com", roles: [], roleGroups: [], guest: false, link: "https://elevate.example.com/signin" },
    };
    const written = await db().transaction((tx) =>
      enqueueEmail(tx, f.organisationId, { eventKey, to: ["approver1@contoso.com", "someone@evil.example"], email }),
    );
    expect(written).toBe(1);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.eventKey, eventKey));
    // What the message is about, for the worker to render; no body until then.
    expect(row).toMatchObject({ channel: "email", status: "pending", html: "", text: "", payload: email, subject: "admin added you to Contoso on Elevate" });
  });
});
