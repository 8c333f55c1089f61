import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type OrgAccount, type SpecOrganisation, expect, orgOf, test } from "../org-fixture";
import { runElevate } from "./run-elevate";

let org: SpecOrganisation;
let dir: string;
test.beforeAll(({}, testInfo) => {
  org = orgOf(testInfo);
  dir = mkdtempSync(path.join(tmpdir(), "elevate-cli-members-"));
});

/** Runs `elevate …` as a person of this spec's organisation would, against the running test server. */
const elevate = (account: Exclude<OrgAccount, "partner"> | null, args: string[]) => runElevate(org, account, args);

function csvFile(name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test.describe("elevate member", () => {
  test.describe.configure({ mode: "serial" });
  const newcomer = () => `pat@${org.slug}.example`;

  test("add: a member with roles and role groups, as a table or JSON; refused for non Global Administrators", async () => {
    const added = await elevate("admin", [
      "member", "add", newcomer(), "--name", "Pat Example", "--role", "auditor", "--role-group", "Recipient Management", "--role-group", "Discovery Management",
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/email\s+pat@/);
    expect(added.stdout).toMatch(/roleGroups\s+Discovery Management, Recipient Management/);

    const guest = await elevate("admin", ["--json", "member", "add", `guest@${org.slug}.example`, "--guest"]);
    expect(guest.code).toBe(0);
    expect(JSON.parse(guest.stdout)).toMatchObject({ guest: true, roles: [], source: "local" });

    const duplicate = await elevate("admin", ["member", "add", newcomer()]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("conflict:member-exists");
    const unknown = await elevate("admin", ["member", "add", `x@${org.slug}.example`, "--role-group", "Ghost"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/invalid:role-groups[\s\S]*roleGroups: .*"Ghost"/);
    const refused = await elevate("rolemanager", ["member", "add", `x@${org.slug}.example`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("forbidden:manage-members");
    const usage = await elevate("admin", ["member", "add"]);
    expect(usage.code).toBe(2);
  });

  test("list and show: every member, or one", async () => {
    const list = await elevate("rolemanager", ["member", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/│\s*email\s*│/);
    expect(list.stdout).toContain(newcomer());
    expect(list.stdout).toContain(org.email("partner"));
    const json = JSON.parse((await elevate("admin", ["--json", "member", "list", "--q", "pat@"])).stdout);
    expect(json.items.map((m: { email: string }) => m.email)).toEqual([newcomer()]);
    const limited = JSON.parse((await elevate("admin", ["--json", "member", "list", "--limit", "2"])).stdout);
    expect(limited.items).toHaveLength(2);

    const show = await elevate("admin", ["--json", "member", "show", newcomer()]);
    expect(JSON.parse(show.stdout)).toMatchObject({ email: newcomer(), name: "Pat Example", roles: ["auditor"] });
    const missing = await elevate("admin", ["member", "show", `nobody@${org.slug}.example`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("not-found:member");
    const denied = await elevate("requester", ["member", "list"]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("forbidden:view-members");
  });

  test("set: roles, role groups, guest, disable and enable", async () => {
    const roles = await elevate("admin", ["--json", "member", "set", newcomer(), "--role", "role_management", "--clear-role-groups"]);
    expect(roles.code).toBe(0);
    expect(JSON.parse(roles.stdout)).toMatchObject({ roles: ["role_management"], roleGroups: [] });
    const groups = await elevate("admin", ["--json", "member", "set", newcomer(), "--clear-roles", "--role-group", "Recipient Management"]);
    expect(JSON.parse(groups.stdout)).toMatchObject({ roles: [], roleGroups: ["Recipient Management"] });
    const guest = await elevate("admin", ["--json", "member", "set", newcomer(), "--guest"]);
    expect(JSON.parse(guest.stdout)).toMatchObject({ guest: true });
    const disabled = await elevate("admin", ["member", "set", newcomer(), "--disable"]);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toMatch(/disabled\s+true/);
    const enabled = await elevate("admin", ["--json", "member", "set", newcomer(), "--enable", "--member"]);
    expect(JSON.parse(enabled.stdout)).toMatchObject({ disabled: false, guest: false });

    const nothing = await elevate("admin", ["member", "set", newcomer()]);
    expect(nothing.code).toBe(2);
    const both = await elevate("admin", ["member", "set", newcomer(), "--disable", "--enable"]);
    expect(both.code).toBe(2);
    const self = await elevate("admin", ["member", "set", org.email("admin"), "--disable"]);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain("forbidden:self-lockout");
  });

  test("import: a dry run shows each row's problems (exit 1), a bad file writes nothing, a good one is imported", async () => {
    const domain = `${org.slug}.example`;
    const bad = csvFile("bad.csv", `email,name,roles,roleGroups,guest\ncsv1@${domain},One,auditor,,\nnot-an-email,Bad,,,\n`);
    const preview = await elevate("admin", ["member", "import", "--file", bad, "--dry-run"]);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toMatch(/csv1@.*add/);
    expect(preview.stdout).toMatch(/not-an-email.*invalid.*email:/);
    expect(preview.stdout).toContain("1 would be added, 0 already members, 1 with problems.");

    const refused = await elevate("admin", ["member", "import", "--file", bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("invalid:csv");
    expect(refused.stderr).toContain("row 3: email");
    expect((await elevate("admin", ["member", "show", `csv1@${domain}`])).code).toBe(1);

    const good = csvFile("good.csv", `email,name,roles,roleGroups,guest\ncsv1@${domain},One,auditor,,\n${org.email("approver1")},,,,\n`);
    const dry = await elevate("admin", ["--json", "member", "import", "--file", good, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, added: 1, existing: 1, invalid: 0 });
    const imported = await elevate("admin", ["member", "import", "--file", good]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("1 added, 1 already members, 0 with problems.");
    expect(JSON.parse((await elevate("admin", ["--json", "member", "show", `csv1@${domain}`])).stdout)).toMatchObject({ roles: ["auditor"] });

    const missing = await elevate("admin", ["member", "import", "--file", path.join(dir, "nope.csv")]);
    expect(missing.code).toBe(2);
    const noFile = await elevate("admin", ["member", "import"]);
    expect(noFile.code).toBe(2);
  });

  test("remove: the member and what they held", async () => {
    const removed = await elevate("admin", ["--json", "member", "remove", newcomer()]);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ removed: newcomer(), cancelledRequests: 0, revokedRequests: 0 });
    const again = await elevate("admin", ["member", "remove", newcomer()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("not-found:member");
    const refused = await elevate("rolemanager", ["member", "remove", org.email("requester2")]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("forbidden:manage-members");
    const usage = await elevate("admin", ["member", "remove"]);
    expect(usage.code).toBe(2);
  });
});
