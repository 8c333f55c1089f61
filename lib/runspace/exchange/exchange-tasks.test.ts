import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exchangeJournalRules, exchangeMailboxes, organisations } from "@/db/schema";
import { exchangeTasks } from "@/lib/catalog/builtin/exchange";
import { seedExchangeWorkload } from "@/db/seed/exchange-workload";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { findTaskHandler, listTaskHandlers, taskRegistry } from "../registry";

const exchangeTables = [
  "exchange_mailboxes",
  "exchange_mailbox_permissions",
  "exchange_journal_rules",
  "exchange_transport_rules",
  "exchange_mailbox_export_requests",
  "exchange_distribution_groups",
  "exchange_distribution_group_members",
];

describe("the task registry", () => {
  it("holds at least 14 Exchange tasks, each a cmdlet of the catalog, under scope/name", () => {
    const handlers = listTaskHandlers();
    expect(handlers.length).toBeGreaterThanOrEqual(14);
    for (const handler of handlers) {
      expect(handler.scope).toBe("Exchange");
      expect(Object.keys(exchangeTasks)).toContain(handler.name);
      expect(taskRegistry.get(`Exchange/${handler.name}`)).toBe(handler);
    }
    expect(findTaskHandler("Exchange", "New-JournalRule")?.name).toBe("New-JournalRule");
    expect(findTaskHandler("Exchange", "Remove-Mailbox")).toBeUndefined();
    expect(findTaskHandler("Teams", "New-JournalRule")).toBeUndefined();
  });

  it("lists Password as a secret parameter of New-Mailbox", () => {
    expect(findTaskHandler("Exchange", "New-Mailbox")?.secretParameters).toEqual(["Password"]);
  });

  it("refuses unknown parameters as PowerShell does", () => {
    const parsed = findTaskHandler("Exchange", "Get-Mailbox")!.parameters.safeParse({ Identity: "PattiF", Force: true });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      code: "unrecognized_keys",
      message: "A parameter cannot be found that matches parameter name 'Force'.",
    });
  });

  it.each([
    "C:\\Exports\\ceo.pst",
    "/mnt/exports/ceo.pst",
    "\\\\fs01\\exports\\ceo.txt",
    "\\\\fs01\\ceo.pst\\",
    "\\\\fs01\\exports\\..\\ceo.pst",
    "\\\\\\exports\\ceo.pst",
  ])("refuses the export FilePath %s", (path) => {
    const parsed = findTaskHandler("Exchange", "New-MailboxExportRequest")!.parameters.safeParse({
      Mailbox: "PattiF",
      FilePath: path,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["FilePath"]);
  });

  it("refuses a transport rule without an action, and a weak or misplaced password", () => {
    const rule = findTaskHandler("Exchange", "New-TransportRule")!.parameters.safeParse({ Name: "x", SentTo: "ceo@contoso.com" });
    expect(rule.error?.issues[0]?.message).toMatch(/at least one action/);
    const newMailbox = findTaskHandler("Exchange", "New-Mailbox")!.parameters;
    const base = { Name: "Nestor Wilke", MicrosoftOnlineServicesID: "nestorw@contoso.com" };
    expect(newMailbox.safeParse({ ...base, Password: "password" }).error?.issues[0]?.path).toEqual(["Password"]);
    expect(newMailbox.safeParse(base).error?.issues[0]?.message).toBe("is required for a user mailbox");
    expect(newMailbox.safeParse({ ...base, Shared: true, Password: "Pa55w.rd!" }).success).toBe(false);
  });
});

describe.each(testDatabaseKinds)("the Exchange workload on %s", (kind) => {
  let database: TestDatabase;
  let organisationId: string;
  let otherOrganisationId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const [other] = await database.db.insert(organisations).values({ slug: "other", name: "Other" }).returning();
    otherOrganisationId = other!.id;
    await database.db.transaction((tx) => seedExchangeWorkload(tx, otherOrganisationId));
  });
  // Each test runs on a workload of its own, freshly seeded: what one creates, no other lists.
  let workloads = 0;
  beforeEach(async () => {
    const [t] = await database.db.insert(organisations).values({ slug: `t-${++workloads}`, name: "T" }).returning();
    organisationId = t!.id;
    await database.db.transaction((tx) => seedExchangeWorkload(tx, organisationId));
  });
  afterAll(() => database.destroy());

  /** Runs a task the way the runspace does: parameters parsed, inside one transaction. */
  function run(name: string, params: Record<string, unknown>, organisation = organisationId): Promise<any> {
    const handler = findTaskHandler("Exchange", name);
    if (!handler) throw new Error(`no handler for ${name}`);
    return database.db.transaction((tx) =>
      handler.run(
        { tx, organisationId: organisation, organization: "t.onmicrosoft.com", actorEmail: "admin@contoso.com" },
        handler.parameters.parse(params),
      ),
    );
  }

  /** Every row of the Exchange tables, as text. */
  async function snapshot(filter = "") {
    const result: Record<string, string[]> = {};
    for (const table of exchangeTables) {
      const { rows } = (await database.db.execute(
        sql.raw(`select t::text as row from ${table} t ${filter} order by 1`),
      )) as unknown as { rows: { row: string }[] };
      result[table] = rows.map((r) => r.row);
    }
    return result;
  }

  it("seeds Contoso's mailboxes and finds one by alias, display name or address, in any case", async () => {
    const all = await run("Get-Mailbox", {});
    expect(all.map((m: { PrimarySmtpAddress: string }) => m.PrimarySmtpAddress)).toEqual(
      expect.arrayContaining(["ceo@contoso.com", "requester@contoso.com", "requester2@contoso.com", "admin@contoso.com", "finance@contoso.com"]),
    );
    expect(all).toHaveLength(8);
    for (const identity of ["PattiF", "patti fernandez", "CEO@contoso.com"]) {
      const [mailbox] = await run("Get-Mailbox", { Identity: identity });
      expect(mailbox).toMatchObject({ Identity: "PattiF", DisplayName: "Patti Fernandez", LitigationHoldEnabled: false });
    }
    const shared = await run("Get-Mailbox", { RecipientTypeDetails: "sharedmailbox" });
    expect(shared.map((m: { Alias: string }) => m.Alias)).toEqual(["finance", "legal"]);
    expect(shared[0].ProhibitSendQuota).toBe("50688 MB (53,150,220,288 bytes)");
  });

  it("reports an unknown mailbox as Exchange does", async () => {
    await expect(run("Get-Mailbox", { Identity: "nobody@contoso.com" })).rejects.toMatchObject({
      code: "not-found:mailbox",
      // On the organisation's own tenant, never on a directory server that does not exist.
      message: "The operation couldn't be performed because object 'nobody@contoso.com' couldn't be found on 't.onmicrosoft.com'.",
    });
    await expect(run("Set-Mailbox", { Identity: "Nobody", LitigationHoldEnabled: true })).rejects.toMatchObject({
      code: "not-found:mailbox",
    });
  });

  it("sets litigation hold, forwarding and quotas, and refuses a warning above the send limit", async () => {
    const updated = await run("Set-Mailbox", {
      Identity: "ceo@contoso.com",
      LitigationHoldEnabled: true,
      ForwardingSmtpAddress: "smtp:AdeleV@contoso.com",
      IssueWarningQuota: "45GB",
      ProhibitSendQuota: "46 GB",
    });
    expect(updated).toMatchObject({
      LitigationHoldEnabled: true,
      ForwardingSmtpAddress: "smtp:adelev@contoso.com",
      IssueWarningQuota: "45 GB (48,318,382,080 bytes)",
    });
    await expect(run("Set-Mailbox", { Identity: "PattiF", IssueWarningQuota: "47GB" })).rejects.toMatchObject({
      code: "invalid:quota",
      fields: { IssueWarningQuota: [expect.any(String)] },
    });
    expect((await run("Set-Mailbox", { Identity: "PattiF", ForwardingSmtpAddress: null })).ForwardingSmtpAddress).toBeNull();
  });

  it("creates a mailbox without keeping anything of its password", async () => {
    const password = "Tr0ub4dor&3-Secret";
    const created = await run("New-Mailbox", {
      Name: "Nestor Wilke",
      MicrosoftOnlineServicesID: "NestorW@contoso.com",
      Password: password,
    });
    expect(created).toMatchObject({ Alias: "nestorw", PrimarySmtpAddress: "nestorw@contoso.com", RecipientTypeDetails: "UserMailbox" });
    expect(JSON.stringify(created)).not.toContain(password);
    expect(JSON.stringify(await snapshot())).not.toContain(password);
    const dump = (await database.db.execute(
      sql`select string_agg(t::text, ' ') as all from exchange_mailboxes t`,
    )) as unknown as { rows: { all: string }[] };
    expect(dump.rows[0]!.all).toContain("nestorw@contoso.com");
    expect(dump.rows[0]!.all).not.toContain("Tr0ub4dor");

    await expect(
      run("New-Mailbox", { Name: "Nestor W", PrimarySmtpAddress: "NESTORW@contoso.com", Alias: "nw", Password: password }),
    ).rejects.toMatchObject({ code: "conflict:email-address-in-use" });
    await expect(
      run("New-Mailbox", { Name: "Patti Fernandez", PrimarySmtpAddress: "patti2@contoso.com", Password: password }),
    ).rejects.toMatchObject({ code: "conflict:name-in-use" });
    const shared = await run("New-Mailbox", { Name: "Contoso Payroll", PrimarySmtpAddress: "payroll@contoso.com", Shared: true });
    expect(shared).toMatchObject({ Alias: "payroll", RecipientTypeDetails: "SharedMailbox" });
  });

  it("adds, shows, merges and removes mailbox permissions", async () => {
    const added = await run("Add-MailboxPermission", { Identity: "finance", User: "Lynne Robbins", AccessRights: "FullAccess" });
    expect(added).toMatchObject({ Identity: "finance", User: "requester2@contoso.com", AccessRights: ["FullAccess"] });
    await run("Add-MailboxPermission", { Identity: "finance", User: "LynneR", AccessRights: ["readpermission"] });

    const shown = await run("Get-MailboxPermission", { Identity: "finance@contoso.com" });
    expect(shown).toEqual([
      {
        Identity: "finance",
        User: "requester2@contoso.com",
        AccessRights: ["FullAccess", "ReadPermission"],
        IsInherited: false,
        Deny: false,
        InheritanceType: "All",
      },
    ]);

    await run("Remove-MailboxPermission", { Identity: "finance", User: "requester2@contoso.com", AccessRights: "FullAccess" });
    expect((await run("Get-MailboxPermission", { Identity: "finance" }))[0].AccessRights).toEqual(["ReadPermission"]);
    await run("Remove-MailboxPermission", { Identity: "finance", User: "requester2@contoso.com", AccessRights: "ReadPermission" });
    expect(await run("Get-MailboxPermission", { Identity: "finance" })).toEqual([]);
    await expect(
      run("Remove-MailboxPermission", { Identity: "finance", User: "requester2@contoso.com", AccessRights: "FullAccess" }),
    ).rejects.toMatchObject({ code: "not-found:mailbox-permission" });
    await expect(
      run("Add-MailboxPermission", { Identity: "ghost", User: "LynneR", AccessRights: "FullAccess" }),
    ).rejects.toMatchObject({ code: "not-found:mailbox" });
    await expect(
      run("Add-MailboxPermission", { Identity: "finance", User: "ghost@contoso.com", AccessRights: "FullAccess" }),
    ).rejects.toMatchObject({ code: "not-found:user" });
  });

  it("creates a journal rule, lists it, refuses its name twice, disables and removes it", async () => {
    const created = await run("New-JournalRule", {
      Name: "Journal Finance",
      Recipient: "finance@contoso.com",
      JournalEmailAddress: "journal@contoso-archive.com",
      Scope: "External",
      Enabled: true,
    });
    expect(created).toMatchObject({ Name: "Journal Finance", Recipient: "finance@contoso.com", Scope: "External", Enabled: true });
    const [row] = await database.db
      .select()
      .from(exchangeJournalRules)
      .where(and(eq(exchangeJournalRules.organisationId, organisationId), eq(exchangeJournalRules.name, "Journal Finance")));
    expect(row).toMatchObject({ journalEmailAddress: "journal@contoso-archive.com", scope: "External", enabled: true });

    const names = (await run("Get-JournalRule", {})).map((r: { Name: string }) => r.Name);
    expect(names).toEqual(["Journal Finance", "Journal Legal Team"]);
    expect(await run("Get-JournalRule", { Identity: "journal finance" })).toEqual([created]);

    await expect(
      run("New-JournalRule", { Name: "JOURNAL FINANCE", JournalEmailAddress: "journal@contoso-archive.com" }),
    ).rejects.toMatchObject({ code: "conflict:journal-rule-exists" });
    await expect(
      run("New-JournalRule", { Name: "Into a mailbox", JournalEmailAddress: "legal@contoso.com" }),
    ).rejects.toMatchObject({ code: "invalid:journal-email-address" });
    await expect(
      run("New-JournalRule", { Name: "Nobody", Recipient: "nobody@contoso.com", JournalEmailAddress: "j@archive.example" }),
    ).rejects.toMatchObject({ code: "not-found:recipient" });

    expect(await run("Disable-JournalRule", { Identity: "Journal Finance" })).toMatchObject({ Enabled: false });
    expect(await run("Remove-JournalRule", { Identity: "Journal Finance" })).toBeNull();
    await expect(run("Get-JournalRule", { Identity: "Journal Finance" })).rejects.toMatchObject({
      code: "not-found:journal-rule",
    });
    await expect(run("Remove-JournalRule", { Identity: "Journal Finance" })).rejects.toMatchObject({
      code: "not-found:journal-rule",
    });
  });

  it("inserts a transport rule at its priority and disables it", async () => {
    const created = await run("New-TransportRule", {
      Name: "Copy CEO mail to Legal",
      Priority: 0,
      SentTo: "PattiF",
      SubjectContainsWords: "merger, acquisition",
      BlindCopyTo: "legal@contoso.com",
      PrependSubject: "[Reviewed] ",
    });
    expect(created).toMatchObject({
      Priority: 0,
      State: "Enabled",
      SentTo: ["ceo@contoso.com"],
      SubjectContainsWords: ["merger", "acquisition"],
      PrependSubject: "[Reviewed] ",
      Conditions: ["SentTo", "SubjectContainsWords"],
      Actions: ["PrependSubject", "BlindCopyTo"],
    });
    const rules = await run("Get-TransportRule", {});
    expect(rules.map((r: { Name: string; Priority: number }) => [r.Priority, r.Name])).toEqual([
      [0, "Copy CEO mail to Legal"],
      [1, "External sender warning"],
      [2, "Keep Project Falcon inside Contoso"],
    ]);
    await expect(run("New-TransportRule", { Name: "copy ceo mail to legal", PrependSubject: "x" })).rejects.toMatchObject({
      code: "conflict:transport-rule-exists",
    });
    await expect(run("New-TransportRule", { Name: "Too far", Priority: 9, PrependSubject: "x" })).rejects.toMatchObject({
      code: "invalid:priority",
    });
    expect(await run("Disable-TransportRule", { Identity: "External sender warning" })).toMatchObject({ State: "Disabled" });
    expect((await run("Get-TransportRule", { State: "Disabled" })).map((r: { Name: string }) => r.Name)).toEqual([
      "External sender warning",
    ]);
    await expect(run("Disable-TransportRule", { Identity: "Nope" })).rejects.toMatchObject({ code: "not-found:transport-rule" });
  });

  it("queues mailbox exports under Exchange's default names", async () => {
    const first = await run("New-MailboxExportRequest", { Mailbox: "JoniS", FilePath: "\\\\fs01\\PST Exports\\jonis.pst" });
    expect(first).toMatchObject({ Identity: "JoniS\\MailboxExport", Status: "Queued", RequestedBy: "admin@contoso.com" });
    const second = await run("New-MailboxExportRequest", {
      Mailbox: "jonis@contoso.com",
      FilePath: "\\\\10.0.0.5\\exports\\jonis-2024.pst",
      ContentFilter: "(Received -lt '01/01/2024')",
    });
    expect(second.Name).toBe("MailboxExport1");
    await expect(
      run("New-MailboxExportRequest", { Mailbox: "JoniS", Name: "mailboxexport", FilePath: "\\\\fs01\\e\\x.pst" }),
    ).rejects.toMatchObject({ code: "conflict:export-request-exists" });
    await expect(run("New-MailboxExportRequest", { Mailbox: "ghost", FilePath: "\\\\fs01\\e\\x.pst" })).rejects.toMatchObject({
      code: "not-found:mailbox",
    });
    const listed = await run("Get-MailboxExportRequest", { Mailbox: "Joni Sherman" });
    expect(listed.map((r: { Name: string }) => r.Name)).toEqual(["MailboxExport", "MailboxExport1"]);
  });

  it("creates a distribution group and adds members once", async () => {
    const group = await run("New-DistributionGroup", {
      Name: "Finance Team",
      PrimarySmtpAddress: "financeteam@contoso.com",
      Members: ["AdeleV", "lynne robbins"],
    });
    expect(group).toMatchObject({
      Alias: "FinanceTeam",
      ManagedBy: ["admin@contoso.com"],
      Members: ["requester2@contoso.com", "requester@contoso.com"],
    });
    const added = await run("Add-DistributionGroupMember", { Identity: "FinanceTeam", Member: "ceo@contoso.com" });
    expect(added.Members).toContain("ceo@contoso.com");
    await expect(run("Add-DistributionGroupMember", { Identity: "Finance Team", Member: "PattiF" })).rejects.toMatchObject({
      code: "conflict:already-member",
    });
    await expect(
      run("New-DistributionGroup", { Name: "Finance Team 2", PrimarySmtpAddress: "finance@contoso.com" }),
    ).rejects.toMatchObject({ code: "conflict:email-address-in-use" });
    await expect(run("Add-DistributionGroupMember", { Identity: "Ghosts", Member: "PattiF" })).rejects.toMatchObject({
      code: "not-found:distribution-group",
    });
  });

  it("keeps each organisation to its own rows", async () => {
    await run("New-JournalRule", { Name: "Only in T", JournalEmailAddress: "journal@contoso-archive.com" });
    const otherRules = (await run("Get-JournalRule", {}, otherOrganisationId)).map((r: { Name: string }) => r.Name);
    expect(otherRules).not.toContain("Only in T");
    // The other organisation can take the same name: uniqueness is per organisation.
    await run("New-JournalRule", { Name: "Only in T", JournalEmailAddress: "journal@contoso-archive.com" }, otherOrganisationId);

    // A mailbox only T has: its id means nothing in the other organisation.
    const nestor = await run("New-Mailbox", { Name: "Nestor Wilke", MicrosoftOnlineServicesID: "NestorW@contoso.com", Password: "Tr0ub4dor&3-Secret" });
    await expect(run("Get-Mailbox", { Identity: nestor.Guid }, otherOrganisationId)).rejects.toMatchObject({
      code: "not-found:mailbox",
    });
    await run("Set-Mailbox", { Identity: "PattiF", DisplayName: "Patti F. (other org)" }, otherOrganisationId);
    const [ours] = await run("Get-Mailbox", { Identity: "PattiF" });
    expect(ours.DisplayName).toBe("Patti Fernandez");
    expect(
      (await run("Get-MailboxExportRequest", {}, otherOrganisationId)).length,
    ).toBe(0);
    const [otherCeo] = await database.db
      .select()
      .from(exchangeMailboxes)
      .where(and(eq(exchangeMailboxes.organisationId, otherOrganisationId), eq(exchangeMailboxes.alias, "PattiF")));
    expect(otherCeo?.litigationHoldEnabled).toBe(false);
  });

  it("changes nothing when seeded again", async () => {
    const before = await snapshot();
    await database.db.transaction((tx) => seedExchangeWorkload(tx, organisationId));
    await database.db.transaction((tx) => seedExchangeWorkload(tx, otherOrganisationId));
    expect(await snapshot()).toEqual(before);
  });
});
