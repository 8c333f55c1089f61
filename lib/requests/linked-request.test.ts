import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { denyRequest } from "@/lib/approvals/deny-request";
import { revokeRequest } from "@/lib/approvals/revoke-request";
import { cancelRequest } from "./cancel-request";
import { createRequest } from "./create-request";
import { type LinkedRequest, getLinkedRequest, linkedRequestId, linkedRequestNotice } from "./linked-request";

describe("the request an email links to", () => {
  it("is read from the query only when it is a request id: anything else is no link", () => {
    expect(linkedRequestId("5B0C1F38-7D2E-4A57-9A43-0D7B3C2A9F10")).toBe("5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10");
    for (const junk of [undefined, "", "42", "request-5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10", "5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f1", "' or 1=1 --"]) {
      expect(linkedRequestId(junk)).toBeNull();
    }
    // `?request=a&request=b` arrives as a list: not one request.
    expect(linkedRequestId(["5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10", "5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10"])).toBeNull();
  });

  const base: LinkedRequest = {
    status: "approved",
    target: "New-JournalRule",
    requester: { name: "Adele Vance", isViewer: false },
    extension: false,
    by: { name: "Alex Wilber", isViewer: false, isRequester: false },
    at: "2026-05-01T12:00:00.000Z",
    comment: null,
  };

  it("says what became of a request whose card is not shown, by whom and when", () => {
    expect(linkedRequestNotice(base)).toEqual({
      text: "Adele Vance's request for New-JournalRule was already approved by Alex Wilber",
      at: base.at,
      detail: null,
    });
    expect(linkedRequestNotice({ ...base, by: { ...base.by!, isViewer: true } }).text).toBe(
      "Adele Vance's request for New-JournalRule was already approved by you",
    );
    expect(linkedRequestNotice({ ...base, by: null }).text).toBe("Adele Vance's request for New-JournalRule was approved automatically by its policy");
    expect(linkedRequestNotice({ ...base, status: "denied", comment: "Not this week." })).toEqual({
      text: "Adele Vance's request for New-JournalRule was already denied by Alex Wilber",
      at: base.at,
      detail: "Their comment: “Not this week.”",
    });
    expect(linkedRequestNotice({ ...base, status: "cancelled", by: { name: "Adele Vance", isViewer: false, isRequester: true } }).text).toBe(
      "Adele Vance's request for New-JournalRule was cancelled by its requester",
    );
    expect(linkedRequestNotice({ ...base, status: "cancelled", by: { name: "Megan Bowen", isViewer: false, isRequester: false } }).text).toBe(
      "Adele Vance's request for New-JournalRule was cancelled by Megan Bowen",
    );
    expect(linkedRequestNotice({ ...base, status: "expired", by: null })).toEqual({
      text: "Adele Vance's request for New-JournalRule expired without a decision",
      at: base.at,
      detail: "The requester can ask again.",
    });
    expect(linkedRequestNotice({ ...base, status: "revoked", comment: "Done." }).text).toBe(
      "Adele Vance's request for New-JournalRule was approved, and its access was later revoked by Alex Wilber",
    );
    expect(linkedRequestNotice({ ...base, status: "pending", by: null, at: null })).toEqual({
      text: "Adele Vance's request for New-JournalRule still waits for a decision, but not from you: you are not one of its approvers",
      at: null,
      detail: null,
    });
  });

  it("speaks to the requester of their own request, and names an extension as one", () => {
    const own = { ...base, requester: { name: "Adele Vance", isViewer: true } };
    expect(linkedRequestNotice({ ...own, extension: true }).text).toBe("Your request to extend New-JournalRule was already approved by Alex Wilber");
    expect(linkedRequestNotice({ ...own, status: "cancelled", by: { name: "Adele Vance", isViewer: true, isRequester: true } }).text).toBe(
      "You cancelled your request for New-JournalRule",
    );
    expect(linkedRequestNotice({ ...own, status: "expired", by: null }).detail).toBe("You can ask again.");
  });

  it("says the same for a missing request as for one the reader may not see", () => {
    expect(linkedRequestNotice(null)).toEqual({ text: "This request was not found, or it is not one you can see", at: null, detail: null });
  });
});

describe.each(testDatabaseKinds)("getLinkedRequest on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("names who settled it, with the time of their decision", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const approver2 = await org.actor("approver2@contoso.com");
    const approved = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Journal the legal mailboxes." } });
    const decided = await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: approved.id, comment: "Fine" });
    const linked = await getLinkedRequest(db(), { actor: approver2, requestId: approved.id });
    expect(linked).toEqual({
      status: "approved",
      target: "New-JournalRule",
      requester: { name: "Adele Vance", isViewer: false },
      extension: false,
      by: { name: "Alex Wilber", isViewer: false, isRequester: false },
      at: decided.approvals[0]!.at,
      comment: null,
    });

    await revokeRequest(db(), { actor: approver2, requestId: approved.id, comment: "Done with it." });
    expect(await getLinkedRequest(db(), { actor: requester, requestId: approved.id })).toMatchObject({
      status: "revoked",
      requester: { isViewer: true },
      by: { name: "Diego Siciliani", isViewer: false },
      comment: "Done with it.",
    });

    const denied = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Again." } });
    await denyRequest(db(), { actor: approver2, requestId: denied.id, comment: "Not this week." });
    expect(linkedRequestNotice(await getLinkedRequest(db(), { actor: approver2, requestId: denied.id }))).toMatchObject({
      text: "Adele Vance's request for New-JournalRule was already denied by you",
      detail: "Their comment: “Not this week.”",
    });
  });

  it("knows a cancel by its requester, and an expiry, and when", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const request = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Then not." } });
    await cancelRequest(db(), { actor: requester, requestId: request.id });
    const linked = await getLinkedRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id });
    expect(linked).toMatchObject({ status: "cancelled", by: { name: "Adele Vance", isRequester: true } });
    expect(Number.isNaN(Date.parse(linked!.at!))).toBe(false);
    expect(linkedRequestNotice(linked).text).toBe("Adele Vance's request for New-JournalRule was cancelled by its requester");

    const lapsed = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Too slow." } });
    await f.lapsePending(lapsed.id);
    const expired = await getLinkedRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: lapsed.id });
    expect(expired).toMatchObject({ status: "expired", by: null });
    expect(expired!.at).toBe((await getLinkedRequest(db(), { actor: requester, requestId: lapsed.id }))!.at);
  });

  it("is nothing to a reader who may not see it, another organisation's included, or when there is none", async () => {
    const org = await f.organisation();
    const request = await createRequest(db(), {
      actor: await org.actor("requester@contoso.com"),
      input: { target: "New-JournalRule", reason: "Mine alone." },
    });
    // Another requester of the same organisation, the same approver of another organisation, no such id.
    expect(await getLinkedRequest(db(), { actor: await org.actor("requester2@contoso.com"), requestId: request.id })).toBeNull();
    expect(await getLinkedRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id })).toBeNull();
    expect(await getLinkedRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: "5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10" })).toBeNull();
    expect(await getLinkedRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id })).toMatchObject({
      status: "pending",
    });
  });
});
