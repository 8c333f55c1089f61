import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { createRequest } from "@/lib/requests/create-request";
import { describeTasks } from "./describe-tasks";
import { listTaskHandlers } from "./registry";

describe.each(testDatabaseKinds)("what the runspace offers on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const tasksOf = async (email: string) => new Map((await describeTasks(db(), { actor: await f.actor(email) })).map((t) => [t.name, t]));

  it("lists every runnable task of the catalog, sorted, with its description and roles", async () => {
    const tasks = await describeTasks(db(), { actor: await f.actor("requester2@contoso.com") });
    expect(tasks.map((t) => t.name)).toEqual(listTaskHandlers().map((h) => h.name).sort((a, b) => a.localeCompare(b)));
    expect(tasks.find((t) => t.name === "New-TransportRule")).toMatchObject({
      scope: "Exchange",
      description: expect.stringMatching(/\S/),
      roles: expect.arrayContaining(["Transport Rules"]),
    });
  });

  it("describes parameters from the handler's schema, as the caller writes them", async () => {
    const tasks = await tasksOf("requester2@contoso.com");
    const rule = tasks.get("New-TransportRule")!.parameters;
    expect(rule.required).toEqual(["Name"]);
    expect(Object.keys(rule.properties).slice(0, 4)).toEqual(["Name", "Priority", "Enabled", "Mode"]);
    expect(rule.properties).toMatchObject({
      Name: { type: "string", maxLength: 64 },
      Priority: { type: "integer", minimum: 0 },
      Enabled: { type: "boolean", default: true },
      // A default on a transform, which zod's input description leaves out, is still offered.
      Mode: { type: "string", default: "Enforce" },
      SentTo: { type: "array", items: { type: "string" } },
      SetSCL: { type: "integer", minimum: -1, maximum: 9 },
    });
    expect(rule.properties.Priority).not.toHaveProperty("maximum");
    expect(tasks.get("Get-Mailbox")!.parameters.properties.ResultSize).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 10_000,
      alsoAccepts: ["Unlimited"],
      default: 1000,
    });
    expect(tasks.get("Set-Mailbox")!.parameters.properties.ForwardingSmtpAddress).toEqual({ type: "string" });
  });

  it("marks the parameters the runspace redacts as secret", async () => {
    const mailbox = (await tasksOf("requester2@contoso.com")).get("New-Mailbox")!.parameters.properties;
    expect(mailbox.Password).toMatchObject({ type: "string", secret: true });
    expect(mailbox.Name).not.toHaveProperty("secret");
  });

  it("offers the values of a choice parameter", async () => {
    // Needs `choice()` (exchange/parameters.ts) to declare its values with `.meta({ enum })`:
    // its transform hides them from the JSON schema otherwise.
    const rule = (await tasksOf("requester2@contoso.com")).get("New-TransportRule")!.parameters.properties;
    expect(rule.Mode).toMatchObject({ enum: ["Enforce", "Audit", "AuditAndNotify"], default: "Enforce" });
    expect(rule.FromScope).toMatchObject({ enum: ["InOrganization", "NotInOrganization"] });
  });

  it("says which parameters name an object of the workload, as the catalog declares", async () => {
    const tasks = await tasksOf("requester2@contoso.com");
    expect(tasks.get("Remove-JournalRule")!.parameters.properties.Identity).toMatchObject({
      type: "string",
      object: { kind: "journal-rule", label: "journal rule", plural: "journal rules", listedBy: "Get-JournalRule" },
    });
    expect(tasks.get("Add-MailboxPermission")!.parameters.properties).toMatchObject({
      Identity: { object: { kind: "mailbox" } },
      User: { object: { kind: "recipient" } },
    });
    expect(tasks.get("New-TransportRule")!.parameters.properties.SentTo).toMatchObject({ type: "array", object: { kind: "recipient" } });
    // A parameter that takes an address outside the organisation names none of its objects.
    expect(tasks.get("New-JournalRule")!.parameters.properties.JournalEmailAddress).not.toHaveProperty("object");
  });

  it("says, per task, what the access decision says for the caller", async () => {
    const tasks = await tasksOf("requester2@contoso.com");
    expect(tasks.get("Get-Mailbox")!.access).toMatchObject({ allowed: true, code: "standing-role", endsAt: null });
    expect(tasks.get("New-TransportRule")!.access).toMatchObject({
      allowed: false,
      code: "no-grant",
      policyId: expect.any(String),
      reason: expect.stringContaining("request access"),
    });
    const stranger = await tasksOf("approver1@contoso.com");
    expect(stranger.get("Get-Mailbox")!.access).toMatchObject({ allowed: false, code: "no-role", policyId: null });
    const service = await describeTasks(db(), { actor: await f.actor("svc-backup@contoso.com") });
    expect(service.every((t) => t.access.allowed && t.access.code === "excluded")).toBe(true);
  });

  it("shows an approved window as allowed until it ends", async () => {
    const requester = await f.actor("requester2@contoso.com");
    const request = await createRequest(db(), { actor: requester, input: { type: "role", target: "Transport Rules", reason: "Disclaimer" } });
    const approved = await approveRequest(db(), { actor: await f.actor("approver2@contoso.com"), requestId: request.id });
    const tasks = await tasksOf("requester2@contoso.com");
    for (const name of ["New-TransportRule", "Get-TransportRule"]) {
      expect(tasks.get(name)!.access).toMatchObject({ allowed: true, code: "grant", requestId: request.id, endsAt: approved.endsAt });
    }
    await f.endWindow(request.id);
    expect((await tasksOf("requester2@contoso.com")).get("New-TransportRule")!.access).toMatchObject({ allowed: false, code: "no-grant" });
  });
});
