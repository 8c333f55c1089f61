import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeJournalRules, exchangeMailboxPermissions, taskRuns } from "@/db/schema";
import { type ContosoFixture, type OrganisationFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { searchAudit } from "@/lib/audit/search-audit";
import { DomainError } from "@/lib/errors";
import { listPolicies } from "@/lib/policies/list-policies";
import { createRequest } from "@/lib/requests/create-request";
import { runTask } from "./run-task";

describe.each(testDatabaseKinds)("the runspace on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  /** The newest run in an organisation (Contoso unless a test made its own). */
  const lastRun = async (org: OrganisationFixture = f) =>
    (await db().select().from(taskRuns).where(eq(taskRuns.organisationId, org.organisationId)).orderBy(sql`${taskRuns.createdAt} desc`).limit(1))[0]!;
  const journalRule = { Name: "Legal hold journaling", JournalEmailAddress: "journal@archive.fabrikam.com", Scope: "Global" };
  const rulesNamed = (org: OrganisationFixture, name: string) =>
    db().select().from(exchangeJournalRules).where(and(eq(exchangeJournalRules.organisationId, org.organisationId), eq(exchangeJournalRules.name, name)));

  /** A fresh organisation where requester holds an approved window on New-JournalRule. */
  async function journalWindow() {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const request = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Legal hold" } });
    await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id });
    return { org, requester, request };
  }

  it("blocks a task no grant covers, before looking at its parameters, and records why", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const error = (await runTask(db(), {
      actor: requester,
      input: { task: "New-JournalRule", parameters: { Bogus: true } },
    }).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("forbidden:no-grant");
    const journal = (await listPolicies(db(), { actor: requester })).find((p) => p.target === "New-JournalRule")!;
    expect(error.details?.policyId).toBe(journal.id);
    expect(await lastRun(org)).toMatchObject({ outcome: "blocked", decisionReason: "no-grant", requestId: null });
    expect(await rulesNamed(org, journalRule.Name)).toHaveLength(0);
  });

  it("runs it inside an approved window, recording the grant it used, and audits it", async () => {
    const { org, requester, request } = await journalWindow();
    const run = await runTask(db(), { actor: requester, input: { task: "New-JournalRule", parameters: journalRule } });
    expect(run).toMatchObject({ outcome: "succeeded", requestId: request.id, result: expect.objectContaining({ Name: journalRule.Name }) });
    expect(await rulesNamed(org, journalRule.Name)).toHaveLength(1);
    expect(await lastRun(org)).toMatchObject({ outcome: "succeeded", requestId: request.id, decisionReason: "grant" });
    const [event] = (await searchAudit(db(), { actor: await org.actor("auditor@contoso.com"), input: { action: "task.executed" } })).items;
    expect(event!.details).toMatchObject({ task: "New-JournalRule", requestId: request.id, parameters: journalRule });
  });

  it("records a failing task as failed and keeps none of its writes", async () => {
    const { org, requester } = await journalWindow();
    await runTask(db(), { actor: requester, input: { task: "New-JournalRule", parameters: journalRule } });
    const error = (await runTask(db(), {
      actor: requester,
      input: { task: "New-JournalRule", parameters: journalRule },
    }).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe("conflict:journal-rule-exists");
    expect(await lastRun(org)).toMatchObject({ outcome: "failed", error: error.message });
    expect(await rulesNamed(org, journalRule.Name)).toHaveLength(1);
  });

  it("words a cmdlet's failure as PowerShell prints it, on the organisation's own tenant", async () => {
    const admin = await f.actor("admin@contoso.com"); // Organization Management holds Journaling
    const error = (await runTask(db(), {
      actor: admin,
      input: { task: "Remove-JournalRule", parameters: { Identity: "No such rule" } },
    }).catch((e: unknown) => e)) as DomainError;
    expect(error).toMatchObject({ code: "not-found:journal-rule" });
    expect(error.message).toBe(
      "Remove-JournalRule: The operation couldn't be performed because object 'No such rule' couldn't be found on 'contoso.onmicrosoft.com'.",
    );
    expect(await lastRun()).toMatchObject({ outcome: "failed", error: error.message });
    // A run another organisation makes answers for its own tenant.
    const other = await f.organisation("fabrikam-west");
    const theirs = (await runTask(db(), {
      actor: await other.actor("admin@contoso.com"),
      input: { task: "Disable-JournalRule", parameters: { Identity: "Nope" } },
    }).catch((e: unknown) => e)) as DomainError;
    expect(theirs.message).toBe(
      "Disable-JournalRule: The operation couldn't be performed because object 'Nope' couldn't be found on 'fabrikam-west.onmicrosoft.com'.",
    );
  });

  it("refuses bad parameters of an allowed task next to each parameter", async () => {
    const { org, requester } = await journalWindow();
    const error = (await runTask(db(), {
      actor: requester,
      input: { task: "New-JournalRule", parameters: { Name: "", JournalEmailAddress: "nope", Colour: "red" } },
    }).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe("invalid:parameters");
    expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(["Name", "JournalEmailAddress", "Colour"]));
    expect((await lastRun(org)).outcome).toBe("failed");
  });

  it("refuses a parameter named after an Object.prototype member as unknown, and records the attempt", async () => {
    const service = await f.actor("svc-backup@contoso.com"); // excluded: may run anything
    for (const name of ["__proto__", "constructor", "toString"]) {
      // As JSON.parse reads a body: `__proto__` an own key, not the object's prototype.
      const parameters = JSON.parse(`{"${name}": {"Identity": "AdeleV"}}`);
      const error = (await runTask(db(), { actor: service, input: { task: "Get-Mailbox", parameters } }).catch((e: unknown) => e)) as DomainError;
      expect(error, name).toBeInstanceOf(DomainError);
      expect(error.code, name).toBe("invalid:parameters");
      expect(Object.keys(error.fields ?? {}), name).toEqual([name]);
      const run = await lastRun();
      expect(run.outcome, name).toBe("failed");
      expect(Object.keys(run.parameters as object), name).toEqual([name]);
      const [event] = (await searchAudit(db(), { actor: await f.actor("auditor@contoso.com"), input: { action: "task.failed", limit: 1 } })).items;
      expect(event!.details, name).toMatchObject({ task: "Get-Mailbox", runId: run.id });
    }
  });

  it("blocks such a parameter before looking at it when there is no access, and records that too", async () => {
    const requester = await f.actor("requester2@contoso.com"); // no window for New-JournalRule
    const parameters = JSON.parse('{"__proto__": {"Name": "J"}, "constructor": 1}');
    await expect(runTask(db(), { actor: requester, input: { task: "New-JournalRule", parameters } })).rejects.toMatchObject({
      code: "forbidden:no-grant",
    });
    const run = await lastRun();
    expect(run).toMatchObject({ outcome: "blocked", decisionReason: "no-grant" });
    expect(Object.keys(run.parameters as object)).toEqual(["__proto__", "constructor"]);
  });

  it("runs uncovered tasks on standing roles, and refuses them without one", async () => {
    const run = await runTask(db(), { actor: await f.actor("requester2@contoso.com"), input: { task: "Get-Mailbox", parameters: {} } });
    expect(run.outcome).toBe("succeeded");
    expect(Array.isArray(run.result)).toBe(true);
    await expect(
      runTask(db(), { actor: await f.actor("approver1@contoso.com"), input: { task: "Get-Mailbox", parameters: {} } }),
    ).rejects.toMatchObject({ code: "forbidden:no-role" });
  });

  it("never stores or audits a secret parameter in clear", async () => {
    const service = await f.actor("svc-backup@contoso.com"); // excluded: may run anything
    const password = "Tr0ub4dor&3-horse";
    await runTask(db(), {
      actor: service,
      input: { task: "New-Mailbox", parameters: { Name: "Archive Bot", PrimarySmtpAddress: "archive.bot@contoso.com", Password: password } },
    });
    expect((await lastRun()).parameters).toMatchObject({ Password: "[redacted]" });
    const dump = await db().execute(sql`select (select string_agg(t::text, '') from task_runs t) || (select string_agg(a::text, '') from audit_events a) as all`);
    expect(JSON.stringify(dump)).not.toContain(password);
  });

  it("blocks once the window has ended", async () => {
    const requester = await f.actor("requester2@contoso.com");
    const grant = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Delegation" } });
    const parameters = { Identity: "ceo@contoso.com", User: "requester2@contoso.com", AccessRights: "FullAccess" };
    await runTask(db(), { actor: requester, input: { task: "Add-MailboxPermission", parameters } });
    const granted = await db()
      .select({ user: exchangeMailboxPermissions.user, accessRights: exchangeMailboxPermissions.accessRights })
      .from(exchangeMailboxPermissions)
      .where(and(eq(exchangeMailboxPermissions.organisationId, f.organisationId), eq(exchangeMailboxPermissions.user, "requester2@contoso.com")));
    expect(granted).toEqual([{ user: "requester2@contoso.com", accessRights: ["FullAccess"] }]);
    await f.endWindow(grant.id);
    await expect(runTask(db(), { actor: requester, input: { task: "Add-MailboxPermission", parameters } })).rejects.toMatchObject({
      code: "forbidden:no-grant",
    });
  });
});
