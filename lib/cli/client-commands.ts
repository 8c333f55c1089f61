/**
 * The verbs of api.md, mirroring the Office 365 cmdlets, each one call of API v1.
 */
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { type Cell, presentResult } from "@/lib/runspace/present-result";
import { type Page, callApi, everyItem } from "./api-client";
import { CliError } from "./cli-error";
import { connectionOf, hours, list, parseParamValue, wholeNumber } from "./connection";
import { type Column, printObject, printRows } from "./output";

type Policy = Record<string, unknown> & { id: string; type: string; target: string; approvalType: string; approverGroup: string };
type Request = Record<string, unknown> & { id: string; target: string; requester: string; status: string; endsAt: string | null };
type AuditEvent = Record<string, unknown> & { at: string; actor: string; action: string; targetId: string | null };

const requestColumns: [string, (r: Request) => unknown][] = [
  ["id", (r) => r.id],
  ["target", (r) => r.target],
  ["requester", (r) => r.requester],
  ["status", (r) => r.status],
  ["active", (r) => r.active],
  ["hours", (r) => r.durationHours],
  ["ends", (r) => r.endsAt],
];

function showRequest(request: Request, json: boolean) {
  printObject(request, json);
}

export function meCommand() {
  return new Command("me").description("Who the token acts as").action(async (_o, command: Command) => {
    const c = connectionOf(command);
    printObject(await callApi(c, "GET", "/me"), c.json);
  });
}

export function pamCommands() {
  const pam = new Command("pam").description("Enable-/Disable-ElevatedAccessControl and the organisation's PAM settings");
  pam
    .command("enable")
    .description("Turn privileged access management on")
    .option("--approver-group <name>", "the default approver group")
    .option("--exclude <emails>", "excluded (system) accounts, comma-separated: replaces the list", list)
    .action(async (options: { approverGroup?: string; exclude?: string[] }, command: Command) => {
      const c = connectionOf(command);
      const body = { pamEnabled: true, defaultApproverGroup: options.approverGroup, excludedAccounts: options.exclude };
      printObject(await callApi(c, "PATCH", "/settings", { body }), c.json);
    });
  pam
    .command("disable")
    .description("Turn it off: standing roles apply; policies and groups are kept")
    .action(async (_o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "PATCH", "/settings", { body: { pamEnabled: false } }), c.json);
    });
  pam
    .command("show")
    .description("The organisation's PAM settings")
    .action(async (_o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "GET", "/settings"), c.json);
    });
  return pam;
}

function policyOptions(command: Command) {
  return command
    .option("--approval <type>", "manual or auto")
    .option("--approver-group <name>", "who approves (default: the organisation's default group)")
    .option("--required-approvals <n>", "distinct approvers needed", wholeNumber)
    .option("--max-duration <hours>", "longest window", hours)
    .option("--default-duration <hours>", "window when a request names none", hours)
    .option("--pending-lifetime <hours>", "how long a request waits before it expires", hours)
    .option("--reason-required <yes|no>", "whether a reason is required")
    .option("--ticket-required <yes|no>", "whether a ticket is required")
    .option("--ticket-pattern <regex>", "what a ticket must look like, e.g. ^CHG-[0-9]+$")
    .option("--disabled", "create or set the policy disabled")
    .option("--enabled", "set the policy enabled")
    .option("--eligible <who>", 'who may request it: approver groups and member emails, comma-separated, or "everyone" (members but guests)')
    .option("--window <grants|unlocks>", "whether the approved window grants the target, or only unlocks tasks the person's role groups hold");
}

function policyBody(o: Record<string, unknown>) {
  const yesNo = (v: unknown) => (v === undefined ? undefined : ["yes", "true", "1"].includes(String(v).toLowerCase()));
  return {
    approvalType: o.approval,
    approverGroup: o.approverGroup,
    requiredApprovals: o.requiredApprovals,
    maxDurationHours: o.maxDuration,
    defaultDurationHours: o.defaultDuration,
    pendingLifetimeHours: o.pendingLifetime,
    reasonRequired: yesNo(o.reasonRequired),
    ticketRequired: yesNo(o.ticketRequired),
    ticketPattern: o.ticketPattern,
    enabled: o.disabled ? false : o.enabled ? true : undefined,
    eligible: o.eligible === undefined ? undefined : eligibleList(String(o.eligible)),
    windowGrants: o.window === undefined ? undefined : windowGrants(String(o.window)),
  };
}

function eligibleList(value: string) {
  if (value.trim().toLowerCase() === "everyone") return [];
  return value.split(",").map((entry) => entry.trim()).filter(Boolean);
}

function windowGrants(value: string) {
  if (value === "grants" || value === "unlocks") return value === "grants";
  throw new CliError(`--window takes "grants" or "unlocks", not "${value}".`, 2);
}

export function policyCommands() {
  const policy = new Command("policy").description("New-/Get-/Set-/Remove-ElevatedAccessApprovalPolicy");
  policyOptions(
    policy
      .command("new")
      .description("Create a policy")
      .requiredOption("--target <name>", "the task, role or role group")
      .option("--type <type>", "task, role or roleGroup", "task")
      .option("--scope <scope>", "the workload", "Exchange"),
  ).action(async (o: Record<string, unknown>, command: Command) => {
    const c = connectionOf(command);
    const body = { type: o.type, scope: o.scope, target: o.target, ...policyBody(o) };
    printObject(await callApi(c, "POST", "/policies", { body }), c.json);
  });
  policy
    .command("list")
    .description("Every policy")
    .action(async (_o, command: Command) => {
      const c = connectionOf(command);
      const page = await everyItem<Policy>(c, "/policies");
      printRows(page.items, [
        ["id", (p) => p.id],
        ["type", (p) => p.type],
        ["target", (p) => p.target],
        ["approval", (p) => p.approvalType],
        ["approvers", (p) => `${p.approverGroup} (${p.requiredApprovals})`],
        ["max h", (p) => p.maxDurationHours],
        ["enabled", (p) => p.enabled],
      ], c.json, page);
    });
  policy
    .command("show <id>")
    .description("One policy")
    .action(async (id: string, _o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "GET", `/policies/${encodeURIComponent(id)}`), c.json);
    });
  policyOptions(policy.command("set <id>").description("Change a policy")).action(
    async (id: string, o: Record<string, unknown>, command: Command) => {
      const c = connectionOf(command);
      const body = Object.fromEntries(Object.entries(policyBody(o)).filter(([, v]) => v !== undefined));
      if (Object.keys(body).length === 0) throw new CliError("Say what to change, e.g. --max-duration 4.", 2);
      printObject(await callApi(c, "PATCH", `/policies/${encodeURIComponent(id)}`, { body }), c.json);
    },
  );
  policy
    .command("remove <id>")
    .description("Remove a policy; requests pending under it are cancelled")
    .action(async (id: string, _o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "DELETE", `/policies/${encodeURIComponent(id)}`), c.json);
    });
  return policy;
}

export function requestCommands() {
  const request = new Command("request").description("New-/Get-/Approve-/Deny-ElevatedAccessRequest, Revoke-ElevatedAccessAuthorization");
  request
    .command("new")
    .description("Ask for just-in-time access")
    .option("--task <name>", "a task (cmdlet)")
    .option("--role <name>", "a role")
    .option("--role-group <name>", "a role group")
    .option("--scope <scope>", "the workload", "Exchange")
    .option("--duration <hours>", "how long, in 0.25-hour steps (default: the policy's)", hours)
    .option("--reason <text>", "why")
    .option("--ticket <id>", "a change or incident ticket")
    .option("--start <iso>", "a scheduled start (ISO 8601)")
    .action(async (o: Record<string, string | number | undefined>, command: Command) => {
      const c = connectionOf(command);
      const targets = [["task", o.task], ["role", o.role], ["roleGroup", o.roleGroup]].filter(([, v]) => v);
      if (targets.length !== 1) throw new CliError("Name exactly one of --task, --role or --role-group.", 2);
      const [type, target] = targets[0]!;
      const body = { type, target, scope: o.scope, durationHours: o.duration, reason: o.reason, ticket: o.ticket, startsAt: o.start };
      showRequest(await callApi<Request>(c, "POST", "/requests", { body }), c.json);
    });
  request
    .command("list")
    .description("Your requests (default), those you may decide, or open windows")
    .option("--mine", "your own requests")
    .option("--approvable", "pending requests you may decide")
    .option("--active", "windows open now")
    .option("--all", "everyone's (administrators, auditors)")
    .option("--status <status>", "pending, approved, denied, cancelled, expired or revoked")
    .option("--limit <n>", "at most this many", wholeNumber)
    .action(async (o: Record<string, string | number | boolean | undefined>, command: Command) => {
      const c = connectionOf(command);
      const mine = o.mine || (!o.approvable && !o.active && !o.all) ? true : undefined;
      const page = await callApi<Page<Request>>(c, "GET", "/requests", {
        query: { mine, approvable: o.approvable ? true : undefined, active: o.active ? true : undefined, status: o.status as string, limit: o.limit as number },
      });
      printRows(page.items, requestColumns, c.json, page);
    });
  request
    .command("show <id>")
    .description("One request with its approvals")
    .action(async (id: string, _o, command: Command) => {
      const c = connectionOf(command);
      showRequest(await callApi<Request>(c, "GET", `/requests/${encodeURIComponent(id)}`), c.json);
    });
  for (const [verb, description, commentRequired] of [
    ["approve", "Approve (the request is approved when its quorum is met)", false],
    ["deny", "Deny, with a comment", true],
    ["revoke", "End an approved window now, with a comment", true],
  ] as const) {
    const sub = request.command(`${verb} <id>`).description(description);
    (commentRequired ? sub.requiredOption("--comment <text>", "why") : sub.option("--comment <text>", "a note")).action(
      async (id: string, o: { comment?: string }, command: Command) => {
        const c = connectionOf(command);
        const body = o.comment === undefined ? {} : { comment: o.comment };
        showRequest(await callApi<Request>(c, "POST", `/requests/${encodeURIComponent(id)}/${verb}`, { body }), c.json);
      },
    );
  }
  request
    .command("cancel <id>")
    .description("Withdraw your pending request")
    .action(async (id: string, _o, command: Command) => {
      const c = connectionOf(command);
      showRequest(await callApi<Request>(c, "POST", `/requests/${encodeURIComponent(id)}/cancel`, { body: {} }), c.json);
    });
  request
    .command("extend <id>")
    .description("Ask to extend your active window")
    .option("--duration <hours>", "how much longer", hours)
    .option("--reason <text>", "why")
    .action(async (id: string, o: { duration?: number; reason?: string }, command: Command) => {
      const c = connectionOf(command);
      const body = { durationHours: o.duration, reason: o.reason };
      showRequest(await callApi<Request>(c, "POST", `/requests/${encodeURIComponent(id)}/extend`, { body }), c.json);
    });
  request
    .command("release <id>")
    .description("End your open window now, with its scheduled extension (the approvers are told)")
    .option("--comment <text>", "a note for the approvers")
    .action(async (id: string, o: { comment?: string }, command: Command) => {
      const c = connectionOf(command);
      const body = o.comment === undefined ? {} : { comment: o.comment };
      showRequest(await callApi<Request>(c, "POST", `/requests/${encodeURIComponent(id)}/release`, { body }), c.json);
    });
  return request;
}

/** A task's output as the runspace screen shows it: a table, a property list, or a sentence, never `null`. */
function printResult(task: string, result: unknown, parameters: Record<string, unknown>) {
  const view = presentResult({ task, result, parameters });
  if (view.kind === "empty") console.log(view.message);
  else if (view.kind === "value") console.log(view.text);
  else if (view.kind === "record") printObject(Object.fromEntries(view.entries), false);
  else printRows(view.rows, view.columns.map((column, index): Column<Cell[]> => [column, (row) => row[index]]), false);
}

export function taskCommands() {
  const task = new Command("task").description("The runspace");
  task
    .command("run <task>")
    .description("Run a task in your approved window, e.g. elevate task run New-JournalRule --param Name=J1")
    .option("--scope <scope>", "the workload", "Exchange")
    .option("--param <name=value>", "a parameter (repeat it)", (value: string, all: string[] = []) => [...all, value], [])
    .action(async (name: string, o: { scope: string; param: string[] }, command: Command) => {
      const c = connectionOf(command);
      const parameters: Record<string, unknown> = {};
      for (const pair of o.param) {
        const at = pair.indexOf("=");
        if (at < 1) throw new CliError(`--param ${pair}: write it as Name=Value.`, 2);
        parameters[pair.slice(0, at)] = parseParamValue(pair.slice(at + 1));
      }
      const run = await callApi<Record<string, unknown>>(c, "POST", "/tasks/run", { body: { scope: o.scope, task: name, parameters } });
      if (c.json) console.log(JSON.stringify(run, null, 2));
      else printResult(name, run.result, parameters);
    });
  const access = new Command("access").description("The access decision");
  access
    .command("check")
    .description("Whether a task would be allowed now, without running it")
    .requiredOption("--task <name>", "the task")
    .option("--scope <scope>", "the workload", "Exchange")
    .option("--user <email>", "someone else (administrators)")
    .action(async (o: { task: string; scope: string; user?: string }, command: Command) => {
      const c = connectionOf(command);
      const answer = await callApi<{ allowed: boolean }>(c, "POST", "/access/check", { body: o });
      printObject(answer, c.json);
      if (!answer.allowed) process.exitCode = 1;
    });
  return [task, access];
}

export function auditCommands() {
  const audit = new Command("audit").description("The append-only, hash-chained audit log");
  const filters = (command: Command) =>
    command
      .option("--action <action>", "e.g. request.approved")
      .option("--actor <email>", "who did it")
      .option("--target <id>", "the target's id")
      .option("--since <iso>", "from")
      .option("--until <iso>", "until")
      .option("--q <text>", "free text in the details");
  filters(audit.command("search").description("Events, newest first"))
    .option("--limit <n>", "at most this many", wholeNumber)
    .action(async (o: Record<string, string | number | undefined>, command: Command) => {
      const c = connectionOf(command);
      const page = await callApi<Page<AuditEvent>>(c, "GET", "/audit", {
        query: { action: o.action, actor: o.actor, targetId: o.target, since: o.since, until: o.until, q: o.q, limit: o.limit },
      });
      printRows(page.items, [
        ["at", (e) => e.at],
        ["actor", (e) => e.actor],
        ["action", (e) => e.action],
        ["target", (e) => e.targetId],
      ], c.json, page);
    });
  audit
    .command("verify")
    .description("Walk the hash chain and name the first broken event")
    .action(async (_o, command: Command) => {
      const c = connectionOf(command);
      const result = await callApi<{ ok: boolean }>(c, "GET", "/audit/verify");
      printObject(result, c.json);
      if (!result.ok) process.exitCode = 1;
    });
  filters(audit.command("export").description("The filtered log as CSV or JSON"))
    .option("--format <format>", "csv or json", "csv")
    .option("--output <file>", "write to a file instead of standard output")
    .action(async (o: Record<string, string | undefined>, command: Command) => {
      const c = connectionOf(command);
      const text = await callApi<string | unknown>(c, "GET", "/audit/export", {
        query: { format: o.format, action: o.action, actor: o.actor, targetId: o.target, since: o.since, until: o.until, q: o.q },
      });
      const output = typeof text === "string" ? text : JSON.stringify(text, null, 2);
      if (o.output) writeFileSync(o.output, output);
      else process.stdout.write(output);
    });
  return audit;
}

export function tokenCommands() {
  const token = new Command("token").description("Your personal API tokens");
  token
    .command("create")
    .description("Create a token (shown once)")
    .option("--name <name>", "what it is for")
    .option("--days <n>", "valid for this many days (default 90)", wholeNumber)
    .action(async (o: { name?: string; days?: number }, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "POST", "/tokens", { body: { name: o.name, expiresInDays: o.days } }), c.json);
    });
  token
    .command("list")
    .description("Your tokens")
    .action(async (_o, command: Command) => {
      const c = connectionOf(command);
      const page = await everyItem<Record<string, unknown>>(c, "/tokens");
      printRows(page.items, [
        ["id", (t) => t.id],
        ["name", (t) => t.name],
        ["prefix", (t) => t.prefix],
        ["status", (t) => t.status],
        ["expires", (t) => t.expiresAt],
        ["last used", (t) => t.lastUsedAt],
      ], c.json, page);
    });
  token
    .command("revoke <id>")
    .description("Revoke one of your tokens")
    .action(async (id: string, _o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "DELETE", `/tokens/${encodeURIComponent(id)}`), c.json);
    });
  return token;
}
