import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeJournalRules, exchangeMailboxes } from "@/db/schema";
import { type ContosoFixture, type OrganisationFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { exchangeObjectParameters, exchangeTasks } from "@/lib/catalog/builtin/exchange";
import { DomainError } from "@/lib/errors";
import { createRequest } from "@/lib/requests/create-request";
import { type ListWorkloadObjectsInput, listWorkloadObjects } from "./list-workload-objects";
import { findTaskHandler } from "./registry";

describe("the catalog's object parameters", () => {
  it("name tasks of the catalog, and parameters their handler really has", () => {
    for (const [task, parameters] of Object.entries(exchangeObjectParameters)) {
      expect(Object.keys(exchangeTasks), task).toContain(task);
      const handler = findTaskHandler("Exchange", task);
      if (!handler) continue; // in the catalog, not runnable here yet
      for (const parameter of Object.keys(parameters)) expect(Object.keys(handler.parameters.shape), `${task} ${parameter}`).toContain(parameter);
    }
  });
});

describe.each(testDatabaseKinds)("the workload objects a parameter offers on %s", (kind) => {
  let f: ContosoFixture;
  let other: OrganisationFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    other = await f.organisation();
    // Something only the other organisation has, so isolation cannot pass on a list of alike names.
    await f.database.db.insert(exchangeJournalRules).values({
      organisationId: other.organisationId,
      name: "Other organisation's journal rule",
      journalEmailAddress: "journal@elsewhere.example",
    });
    await f.database.db.insert(exchangeMailboxes).values({
      organisationId: other.organisationId,
      alias: "elsewhere",
      displayName: "Elsewhere Person",
      primarySmtpAddress: "elsewhere@other.example",
    });
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const list = async (email: string, input: ListWorkloadObjectsInput, organisation: OrganisationFixture = f) =>
    listWorkloadObjects(db(), { actor: await organisation.actor(email), input });
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as DomainError);

  it("offers the journal rules to someone who may run Remove-JournalRule now", async () => {
    // The administrator's standing Organization Management holds Journaling.
    const answer = await list("admin@contoso.com", { task: "Remove-JournalRule", parameter: "Identity" });
    expect(answer).toMatchObject({
      object: { kind: "journal-rule", label: "journal rule" },
      items: [{ value: "Journal Legal Team", label: "Journal Legal Team", detail: expect.stringContaining("legalteam@contoso.com") }],
      more: false,
    });
  });

  it("refuses someone the decision does not let run the task, and says why", async () => {
    // requester holds Recipient Management, which has no journaling; no policy covers Remove-JournalRule.
    const noRole = await refusal(list("requester@contoso.com", { task: "Remove-JournalRule", parameter: "Identity" }));
    expect(noRole).toBeInstanceOf(DomainError);
    expect(noRole).toMatchObject({ code: "forbidden:no-role", message: expect.stringContaining("journal rules are listed only for someone who may run Remove-JournalRule") });
    // New-JournalRule is behind a policy: without a window, no recipients either.
    const requester = await f.actor("requester@contoso.com");
    const noGrant = await refusal(list("requester@contoso.com", { task: "New-JournalRule", parameter: "Recipient" }));
    expect(noGrant).toMatchObject({ code: "forbidden:no-grant" });
    // Inside an approved window they are offered.
    const request = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Journal the legal team" } });
    await approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id });
    const granted = await list("requester@contoso.com", { task: "New-JournalRule", parameter: "Recipient" });
    expect(granted.items.map((item) => item.value)).toEqual(expect.arrayContaining(["legalteam@contoso.com", "ceo@contoso.com"]));
    await f.endWindow(request.id);
    expect(await refusal(list("requester@contoso.com", { task: "New-JournalRule", parameter: "Recipient" }))).toMatchObject({ code: "forbidden:no-grant" });
  });

  it("lists this organisation's objects only", async () => {
    const contoso = await list("admin@contoso.com", { task: "Remove-JournalRule", parameter: "Identity" });
    expect(contoso.items.map((item) => item.value)).toEqual(["Journal Legal Team"]);
    const theirs = await list("admin@contoso.com", { task: "Remove-JournalRule", parameter: "Identity" }, other);
    expect(theirs.items.map((item) => item.value)).toEqual(["Journal Legal Team", "Other organisation's journal rule"]);
    const searched = await list("admin@contoso.com", { task: "Get-Mailbox", parameter: "Identity", search: "elsewhere" });
    expect(searched.items).toEqual([]);
    expect((await list("admin@contoso.com", { task: "Get-Mailbox", parameter: "Identity", search: "elsewhere" }, other)).items).toHaveLength(1);
  });

  it("searches names, aliases and addresses in any case, and takes LIKE's characters literally", async () => {
    const mailboxes = (search: string) => list("requester@contoso.com", { task: "Get-Mailbox", parameter: "Identity", search });
    expect((await mailboxes("PATTI")).items).toEqual([
      { value: "ceo@contoso.com", label: "Patti Fernandez", detail: "ceo@contoso.com · UserMailbox · alias PattiF" },
    ]);
    expect((await mailboxes("ceo@")).items.map((item) => item.label)).toEqual(["Patti Fernandez"]);
    expect((await mailboxes("adelev")).items.map((item) => item.label)).toEqual(["Adele Vance"]);
    for (const literal of ["%", "_", "\\"]) expect((await mailboxes(literal)).items, literal).toEqual([]);
    // A recipient is a mailbox or a distribution group.
    const recipients = await list("requester@contoso.com", { task: "Get-MailboxPermission", parameter: "User", search: "legal" });
    expect(recipients.items.map((item) => item.value)).toEqual(["legal@contoso.com", "legalteam@contoso.com"]);
  });

  it("never lists more than asked, and says when there are more", async () => {
    const first = await list("requester@contoso.com", { task: "Get-Mailbox", parameter: "Identity", limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.more).toBe(true);
    const all = await list("requester@contoso.com", { task: "Get-Mailbox", parameter: "Identity" });
    expect(all).toMatchObject({ more: false });
    expect(all.items).toHaveLength(8);
    expect(await refusal(list("requester@contoso.com", { task: "Get-Mailbox", parameter: "Identity", limit: 51 }))).toMatchObject({
      code: "invalid:input",
      fields: { limit: [expect.any(String)] },
    });
  });

  it("refuses a parameter that names no object, Object.prototype's names included", async () => {
    for (const [task, parameter] of [
      ["Remove-JournalRule", "Colour"],
      ["New-JournalRule", "JournalEmailAddress"],
      ["Remove-JournalRule", "constructor"],
      ["constructor", "Identity"],
      ["__proto__", "Identity"],
    ] as const) {
      expect(await refusal(list("admin@contoso.com", { task, parameter })), `${task} ${parameter}`).toMatchObject({
        code: "invalid:parameter",
        fields: { parameter: [expect.any(String)] },
      });
    }
  });
});
