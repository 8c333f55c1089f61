/**
 * `elevate member …`: the organisation's people (New-/Get-/Set-/Remove-User, and a CSV import), each
 * one call of API v1's /members.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { type Page, callApi, everyItem } from "./api-client";
import { CliError } from "./cli-error";
import { connectionOf, wholeNumber } from "./connection";
import { printObject, printRows } from "./output";

type Member = Record<string, unknown> & {
  email: string;
  name: string | null;
  roles: string[];
  roleGroups: string[];
  guest: boolean;
  disabled: boolean;
  source: string;
  lastSignInAt: string | null;
};
interface ImportRow {
  row: number;
  email: string;
  status: string;
  roles: string[];
  roleGroups: string[];
  guest: boolean;
  errors: Record<string, string[]>;
}
interface ImportResult {
  dryRun: boolean;
  added: number;
  existing: number;
  invalid: number;
  rows: ImportRow[];
}

const repeated = (value: string, all: string[] = []) => [...all, value];
const path = (email: string) => `/members/${encodeURIComponent(email)}`;

const memberColumns: [string, (m: Member) => unknown][] = [
  ["email", (m) => m.email],
  ["name", (m) => m.name],
  ["roles", (m) => m.roles],
  ["role groups", (m) => m.roleGroups],
  ["guest", (m) => m.guest],
  ["status", (m) => (m.disabled ? "disabled" : "active")],
  ["source", (m) => m.source],
  ["last sign-in", (m) => m.lastSignInAt],
];

export function memberCommands() {
  const member = new Command("member").description("The organisation's members: add, list, show, set, remove, import");
  member
    .command("add <email>")
    .description("Add a member; they are emailed an invitation to sign in")
    .option("--name <name>", "their display name")
    .option("--role <role>", "an admin role: global_admin, role_management or auditor (repeat it)", repeated, [])
    .option("--role-group <name>", 'a standing role group, e.g. "Recipient Management" (repeat it)', repeated, [])
    .option("--guest", "a guest: may request, never approves, holds no admin role")
    .action(async (email: string, o: { name?: string; role: string[]; roleGroup: string[]; guest?: boolean }, command: Command) => {
      const c = connectionOf(command);
      const body = { email, name: o.name, roles: o.role, roleGroups: o.roleGroup, guest: Boolean(o.guest) };
      printObject(await callApi(c, "POST", "/members", { body }), c.json);
    });
  member
    .command("list")
    .description("Every member, by email")
    .option("--q <text>", "only those whose email or name contains this")
    .option("--limit <n>", "one page of at most this many (default: every member)", wholeNumber)
    .action(async (o: { q?: string; limit?: number }, command: Command) => {
      const c = connectionOf(command);
      const { items } =
        o.limit === undefined
          ? await everyItem<Member>(c, "/members", { q: o.q })
          : await callApi<Page<Member>>(c, "GET", "/members", { query: { q: o.q, limit: o.limit } });
      printRows(items, memberColumns, c.json, { items, nextCursor: null });
    });
  member
    .command("show <email>")
    .description("One member")
    .action(async (email: string, _o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "GET", path(email)), c.json);
    });
  member
    .command("set <email>")
    .description("Change roles, standing role groups, guest, or disable / enable a member")
    .option("--role <role>", "their admin roles: replaces the list (repeat it)", repeated)
    .option("--clear-roles", "no admin role: a plain requestor")
    .option("--role-group <name>", "their standing role groups: replaces the list (repeat it)", repeated)
    .option("--clear-role-groups", "no standing role group")
    .option("--guest", "make them a guest")
    .option("--member", "make a guest a member")
    .option("--disable", "disable them: their sessions end and their API tokens are revoked now")
    .option("--enable", "enable them again (sessions and tokens stay ended)")
    .action(async (email: string, o: Record<string, string[] | boolean | undefined>, command: Command) => {
      const c = connectionOf(command);
      const pairs: [string, string][] = [["role", "clearRoles"], ["roleGroup", "clearRoleGroups"], ["guest", "member"], ["disable", "enable"]];
      for (const [a, b] of pairs) {
        if (o[a] && o[b]) throw new CliError(`Give --${kebab(a)} or --${kebab(b)}, not both.`, 2);
      }
      const body = Object.fromEntries(
        Object.entries({
          roles: o.clearRoles ? [] : o.role,
          roleGroups: o.clearRoleGroups ? [] : o.roleGroup,
          guest: o.guest ? true : o.member ? false : undefined,
          disabled: o.disable ? true : o.enable ? false : undefined,
        }).filter(([, value]) => value !== undefined),
      );
      if (Object.keys(body).length === 0) throw new CliError("Say what to change, e.g. --role auditor or --disable.", 2);
      printObject(await callApi(c, "PATCH", path(email), { body }), c.json);
    });
  member
    .command("remove <email>")
    .description("Remove a member: their sessions, tokens, pending requests and open windows end")
    .action(async (email: string, _o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "DELETE", path(email)), c.json);
    });
  member
    .command("import")
    .description("Add members from a CSV file: email,name,roles,roleGroups,guest (a header row; lists separated by ;)")
    .requiredOption("--file <path>", "the CSV file (- for standard input)")
    .option("--dry-run", "check every row and show who would be added; write nothing (exit 1 when a row is wrong)")
    .action(async (o: { file: string; dryRun?: boolean }, command: Command) => {
      const c = connectionOf(command);
      let csv: string;
      try {
        csv = readFileSync(o.file === "-" ? 0 : o.file, "utf8");
      } catch (error) {
        throw new CliError(`Cannot read ${o.file}: ${(error as Error).message}`, 2);
      }
      const result = await callApi<ImportResult>(c, "POST", "/members/import", { body: { csv, dryRun: Boolean(o.dryRun) } });
      if (c.json) console.log(JSON.stringify(result, null, 2));
      else {
        printRows(result.rows, [
          ["row", (r) => r.row],
          ["email", (r) => r.email],
          ["status", (r) => r.status],
          ["roles", (r) => r.roles],
          ["role groups", (r) => r.roleGroups],
          ["problems", (r) => Object.entries(r.errors).map(([field, messages]) => `${field}: ${messages.join("; ")}`).join(" | ")],
        ], false);
        const verb = result.dryRun ? "would be added" : "added";
        console.log(`${result.added} ${verb}, ${result.existing} already members, ${result.invalid} with problems.`);
      }
      if (result.invalid > 0) process.exitCode = 1;
    });
  return member;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
