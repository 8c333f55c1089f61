/**
 * `elevate scope`: the catalogs of workloads. Built-in scopes come with Elevate; an external scope
 * (a bastion, a database console, a deploy tool) is registered here and its catalog imported from
 * a JSON file, the body of `PUT /scopes/{name}`.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { type Page, callApi } from "./api-client";
import { CliError } from "./cli-error";
import { connectionOf } from "./connection";
import { type Column, printObject, printRows } from "./output";

type Entry = { name: string; description: string };
type Scope = Entry & {
  kind: string;
  version: number;
  tasks: Entry[];
  roles: (Entry & { tasks: string[] })[];
  roleGroups: (Entry & { roles: string[] })[];
};
type Summary = Entry & { kind: string; version: number; counts: { tasks: number; roles: number; roleGroups: number } };

const scopePath = (name: string) => `/scopes/${encodeURIComponent(name)}`;

/** A scope as a few lines and its catalog as tables; the API's JSON with --json. */
function showScope(scope: Scope, json: boolean) {
  if (json) {
    console.log(JSON.stringify(scope, null, 2));
    return;
  }
  printObject(
    {
      name: scope.name,
      description: scope.description,
      kind: scope.kind,
      version: scope.version,
      tasks: scope.tasks.length,
      roles: scope.roles.length,
      roleGroups: scope.roleGroups.length,
    },
    false,
  );
  for (const [title, rows, third] of [
    ["Tasks", scope.tasks, null],
    ["Roles", scope.roles, "tasks"],
    ["Role groups", scope.roleGroups, "roles"],
  ] as const) {
    if (rows.length === 0) continue;
    console.log(`\n${title}`);
    const columns: Column<Entry & Record<string, unknown>>[] = [["name", (r) => r.name], ["description", (r) => r.description]];
    if (third) columns.push([third, (r) => r[third]]);
    printRows(rows as (Entry & Record<string, unknown>)[], columns, false);
  }
}

function readCatalog(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, 2);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, 2);
  }
}

export function scopeCommands() {
  const scope = new Command("scope").description("Scopes: the catalogs of tasks, roles and role groups that policies target");
  scope
    .command("new <name>")
    .description("Register an external scope, e.g. elevate scope new Bastion")
    .option("--description <text>", "what the workload is")
    .action(async (name: string, o: { description?: string }, command: Command) => {
      const c = connectionOf(command);
      showScope(await callApi<Scope>(c, "POST", "/scopes", { body: { name, description: o.description } }), c.json);
    });
  scope
    .command("import <name>")
    .description("Replace an external scope's whole catalog from a JSON file (the body of PUT /scopes/{name}; - reads standard input)")
    .requiredOption("--file <catalog.json>", '{"tasks": [{"name": …}], "roles": [{"name": …, "tasks": […]}], "roleGroups": [{"name": …, "roles": […]}]}')
    .action(async (name: string, o: { file: string }, command: Command) => {
      const c = connectionOf(command);
      const body = readCatalog(o.file);
      showScope(await callApi<Scope>(c, "PUT", scopePath(name), { body }), c.json);
    });
  scope
    .command("show <name>")
    .description("One scope with its whole catalog")
    .action(async (name: string, _o, command: Command) => {
      const c = connectionOf(command);
      showScope(await callApi<Scope>(c, "GET", scopePath(name)), c.json);
    });
  scope
    .command("list")
    .description("Every scope, built-in and external")
    .action(async (_o, command: Command) => {
      const c = connectionOf(command);
      const page = await callApi<Page<Summary>>(c, "GET", "/scopes", { query: { limit: 500 } });
      printRows(page.items, [
        ["name", (s) => s.name],
        ["kind", (s) => s.kind],
        ["version", (s) => s.version],
        ["tasks", (s) => s.counts.tasks],
        ["roles", (s) => s.counts.roles],
        ["role groups", (s) => s.counts.roleGroups],
        ["description", (s) => s.description],
      ], c.json, page);
    });
  scope
    .command("remove <name>")
    .description("Remove an external scope no policy or open request uses")
    .action(async (name: string, _o, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "DELETE", scopePath(name)), c.json);
    });
  return scope;
}
