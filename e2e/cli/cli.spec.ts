import { readFileSync } from "node:fs";
import path from "node:path";
import { serverActionsKey } from "../../lib/cli/server-actions-key";
import { type OrgAccount, type SpecOrganisation, expect, orgOf, test } from "../org-fixture";
import { root, runElevate } from "./run-elevate";
import { E2E_AUTH_SECRET } from "../test-secret.mjs";

let org: SpecOrganisation;
test.beforeAll(({}, testInfo) => {
  org = orgOf(testInfo);
});

/** Runs `elevate …` as a person of this spec's organisation would, against the running test server. */
const elevate = (account: Exclude<OrgAccount, "partner"> | null, args: string[], env: Record<string, string> = {}) =>
  runElevate(org, account, args, env);

test.describe("the elevate command line", () => {
  test.describe.configure({ mode: "serial" });
  let requestId = "";

  test("shows who the token acts as, as a table or JSON", async () => {
    const table = await elevate("requester", ["me"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`email\\s+${org.email("requester").replace(/[.]/g, "\\.")}`));
    const json = await elevate("requester", ["--json", "me"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ email: org.email("requester"), organisation: org.name });
  });

  test("an administrator creates a policy and lists it", async () => {
    const created = await elevate("admin", [
      "--json", "policy", "new", "--type", "task", "--scope", "Exchange", "--target", "Set-CASMailbox",
      "--approval", "manual", "--approver-group", "PAM Approvers", "--max-duration", "4",
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ target: "Set-CASMailbox", maxDurationHours: 4 });
    const list = await elevate("admin", ["policy", "list"]);
    expect(list.stdout).toContain("Set-CASMailbox");
    expect(list.stdout).toMatch(/│\s*id\s*│/);
  });

  test("a policy names who may request it and whether its window only unlocks, and a requestor outside it is refused", async () => {
    const created = await elevate("admin", [
      "--json", "policy", "new", "--target", "Set-DistributionGroup", "--eligible", `Exchange Leads, ${org.email("requester2")}`,
      "--window", "unlocks",
    ]);
    expect(created.code).toBe(0);
    const policy = JSON.parse(created.stdout);
    expect(policy).toMatchObject({ eligible: ["Exchange Leads", org.email("requester2")].sort(), windowGrants: false });
    const refused = await elevate("requester", ["request", "new", "--task", "Set-DistributionGroup", "--reason", "Rename the sales list"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("may request");
    const reopened = await elevate("admin", ["--json", "policy", "set", policy.id, "--eligible", "everyone", "--window", "grants"]);
    expect(JSON.parse(reopened.stdout)).toMatchObject({ eligible: [], windowGrants: true });
    const bad = await elevate("admin", ["policy", "set", policy.id, "--window", "sometimes"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--window takes "grants" or "unlocks"');
  });

  test("a requestor asks, an approver approves, the requestor's access checks out", async () => {
    const asked = await elevate("requester", ["--json", "request", "new", "--task", "Set-CASMailbox", "--duration", "1.5", "--reason", "Turn off POP for finance"]);
    expect(asked.code).toBe(0);
    const request = JSON.parse(asked.stdout);
    expect(request).toMatchObject({ status: "pending", durationHours: 1.5 });
    requestId = request.id;

    const pending = await elevate("approver1", ["request", "list", "--approvable", "--status", "pending"]);
    expect(pending.stdout).toContain(requestId);
    const approved = await elevate("approver1", ["request", "approve", requestId, "--comment", "fine"]);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/status\s+approved/);

    const check = await elevate("requester", ["access", "check", "--task", "Set-CASMailbox"]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/allowed\s+true/);
  });

  test("runs a task with --param values and prints its result", async () => {
    // A mailbox of the simulated Exchange workload: the same address in every demo organisation.
    const run = await elevate("requester", ["task", "run", "Get-Mailbox", "--param", "Identity=ceo@contoso.com"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ceo@contoso.com");
  });

  test("prints a task's output as the runspace screen does: its properties, and a sentence where the cmdlet returns nothing", async () => {
    // Add-MailboxPermission is automatic: the window opens at once.
    expect((await elevate("requester", ["request", "new", "--task", "Add-MailboxPermission", "--reason", "Delegate the CEO's mailbox"])).code).toBe(0);
    const delegate = ["--param", "Identity=ceo@contoso.com", "--param", "User=finance@contoso.com", "--param", "AccessRights=FullAccess"];
    const added = await elevate("requester", ["task", "run", "Add-MailboxPermission", ...delegate]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/AccessRights\s+FullAccess/);
    expect(added.stdout).not.toContain("{");
    const removed = await elevate("requester", ["task", "run", "Remove-MailboxPermission", ...delegate]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout.trim()).toMatch(/^Done: .* was removed\.$/);
    expect(removed.stdout).not.toContain("null");
  });

  test("a refused call exits 1 with the API's message on stderr", async () => {
    const own = await elevate("requester", ["request", "approve", requestId]);
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/forbidden:/);
    const blocked = await elevate("approver2", ["access", "check", "--task", "Set-CASMailbox"]);
    expect(blocked.code).toBe(1);
    const revoked = await elevate("approver1", ["request", "revoke", requestId, "--comment", "finished"]);
    expect(revoked.code).toBe(0);
  });

  test("a requestor releases their own window early, and their access ends", async () => {
    // Add-MailboxPermission is automatic: the window opens at once.
    const asked = await elevate("requester2", ["--json", "request", "new", "--task", "Add-MailboxPermission", "--reason", "One delegation"]);
    const window = JSON.parse(asked.stdout);
    expect(window).toMatchObject({ status: "approved", active: true });
    const released = await elevate("requester2", ["--json", "request", "release", window.id, "--comment", "done"]);
    expect(released.code).toBe(0);
    expect(JSON.parse(released.stdout)).toMatchObject({ id: window.id, active: false, releasedAt: expect.any(String) });
    expect((await elevate("requester2", ["access", "check", "--task", "Add-MailboxPermission"])).code).toBe(1);
    const again = await elevate("requester2", ["request", "release", window.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("conflict:not-active");
  });

  test("bad usage exits 2: a missing required option, a missing token, an unknown verb", async () => {
    expect((await elevate("approver1", ["request", "deny", requestId])).code).toBe(2);
    const noToken = await elevate(null, ["me"]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("ELEVATE_TOKEN");
    expect((await elevate("requester", ["request", "frobnicate"])).code).toBe(2);
  });

  test("audit verify and export for an auditor", async () => {
    const verify = await elevate("auditor", ["--json", "audit", "verify"]);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    const csv = await elevate("auditor", ["audit", "export", "--format", "csv", "--action", "request.approved"]);
    expect(csv.stdout.split("\n")[0]).toBe("id,seq,at,actor,actorType,action,targetType,targetId,details,ip,userAgent,prevHash,hash");
    const search = await elevate("auditor", ["audit", "search", "--target", requestId]);
    expect(search.stdout).toContain("request.revoked");
  });

  test("npm start builds with the server-actions key derived from AUTH_SECRET, so instances built apart agree", () => {
    // The key also salts every server action's id: a build with another key could not serve these forms.
    const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"));
    expect(manifest.encryptionKey).toBe(serverActionsKey(E2E_AUTH_SECRET));
  });

  test("admin token create works on the server host, or refuses clearly while the server holds the embedded database", async () => {
    const env: Record<string, string> = process.env.TEST_DATABASE_URL
      ? { DATABASE_URL: new URL("/elevate_e2e", process.env.TEST_DATABASE_URL).toString(), AUTH_SECRET: E2E_AUTH_SECRET }
      : { PGLITE_DIR: path.join(root, ".data/e2e/pglite") };
    const result = await elevate(null, ["--json", "admin", "token", "create", "--email", org.email("auditor")], env);
    if (process.env.TEST_DATABASE_URL) {
      expect(result.code).toBe(0);
      const { token } = JSON.parse(result.stdout);
      const me = await elevate(null, ["--json", "me"], { ELEVATE_TOKEN: token });
      expect(JSON.parse(me.stdout).email).toBe(org.email("auditor"));
    } else {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/in use by process \d+/);
      expect(result.stderr).toContain("admin center or the API");
    }
  });
});
