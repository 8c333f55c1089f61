/**
 * What an administrator writes to define an external scope: its name, and the whole catalog as the
 * PUT body. Field paths in errors read as the body is written: `roles[2].tasks[0]`.
 */
import { z } from "zod";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** Caps on one catalog: far above any real workload, low enough that one call stays cheap. */
export const CATALOG_LIMITS = {
  tasks: 2000,
  roles: 500,
  roleGroups: 500,
  /** Role → task links plus role group → role links, over the whole catalog. */
  links: 20_000,
} as const;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Descriptions may break lines; nothing else invisible. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * A scope's name: it appears in URLs, on the command line and in every access check, so it is kept
 * plain: letters, digits, spaces, dots, hyphens and underscores, starting with a letter or digit.
 */
export const scopeName = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, {
    error: "may hold only letters, digits, spaces, dots, hyphens and underscores, and must start with a letter or digit",
  });

export const scopeDescription = z
  .string({ error: "must be text" })
  .trim()
  .max(500, "must be at most 500 characters")
  .refine((text) => !CONTROL_IN_TEXT.test(text), { error: "must not contain control characters" });

/** A task, role or role group name: what policies, requests and access checks name. */
const entryName = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .refine((name) => !CONTROL.test(name), { error: "must not contain control characters" });

const references = (what: string, max: number) =>
  z.array(z.string({ error: `must name a ${what}` }).trim(), { error: `must be a list of ${what} names` }).max(max, `must list at most ${max} ${what}s`);

export const catalogInput = z.strictObject({
  description: scopeDescription.optional(),
  tasks: z
    .array(z.strictObject({ name: entryName, description: scopeDescription.optional() }), { error: "must be a list of tasks" })
    .max(CATALOG_LIMITS.tasks, `must list at most ${CATALOG_LIMITS.tasks} tasks`)
    .default([]),
  roles: z
    .array(
      z.strictObject({ name: entryName, description: scopeDescription.optional(), tasks: references("task", CATALOG_LIMITS.tasks).default([]) }),
      { error: "must be a list of roles" },
    )
    .max(CATALOG_LIMITS.roles, `must list at most ${CATALOG_LIMITS.roles} roles`)
    .default([]),
  roleGroups: z
    .array(
      z.strictObject({ name: entryName, description: scopeDescription.optional(), roles: references("role", CATALOG_LIMITS.roles).default([]) }),
      { error: "must be a list of role groups" },
    )
    .max(CATALOG_LIMITS.roleGroups, `must list at most ${CATALOG_LIMITS.roleGroups} role groups`)
    .default([]),
});
export type CatalogInput = z.input<typeof catalogInput>;

export interface CatalogEntry {
  name: string;
  description: string;
}
/** A catalog that passed every check: names unique (whatever the case), every reference known. */
export interface ValidCatalog {
  description: string | undefined;
  tasks: CatalogEntry[];
  roles: (CatalogEntry & { tasks: string[] })[];
  roleGroups: (CatalogEntry & { roles: string[] })[];
}

/** `["roles", 2, "tasks", 0]` → `roles[2].tasks[0]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || "input";
}

/** How many problems the message lists; `fields` carries every one. */
const SUMMARISED = 5;

function refuse(problems: { path: readonly PropertyKey[]; message: string }[]): never {
  // Null prototype: a path may be any key a client sent ("constructor", "__proto__").
  const fields: FieldErrors = Object.create(null);
  for (const { path, message } of problems) (fields[fieldPath(path)] ??= []).push(message);
  const entries = Object.entries(fields);
  const summary = entries
    .slice(0, SUMMARISED)
    .map(([field, messages]) => `${field} ${messages.join("; ")}`)
    .join(". ");
  const more = entries.length > SUMMARISED ? ` (and ${entries.length - SUMMARISED} more)` : "";
  // Back to a plain object, as parseInput does: screens receive it through React, which refuses null
  // prototypes; the entries stay own data properties, `__proto__` included.
  throw new DomainError("invalid:catalog", `The catalog is not valid: ${summary}${more}.`, Object.fromEntries(entries));
}

/**
 * Checks a whole catalog before anything is written: its shape, then that names are unique per
 * kind (case-insensitively: "Deploy" and "deploy" would be one thing to a person), that roles name
 * only its tasks and role groups only its roles, and the size caps.
 */
export function parseCatalog(input: unknown): ValidCatalog {
  try {
    // Text Postgres cannot store, and absurd nesting, anywhere in the body (keys too).
    parseInput(z.unknown(), input);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    refuse(Object.entries(error.fields ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ path: dottedToPath(field), message }))));
  }
  const parsed = catalogInput.safeParse(input);
  if (!parsed.success) {
    refuse(
      parsed.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ path: [...issue.path, key], message: "is not a known field" }))
          : [{ path: issue.path, message: issue.message }],
      ),
    );
  }
  const data = parsed.data;
  const problems: { path: PropertyKey[]; message: string }[] = [];

  const uniqueNames = (entries: { name: string }[], field: string) => {
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      const key = entry.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else problems.push({ path: [field, index, "name"], message: `repeats ${field}[${first}].name (${entries[first]!.name})` });
    });
    return seen;
  };
  const taskIndex = uniqueNames(data.tasks, "tasks");
  const roleIndex = uniqueNames(data.roles, "roles");
  uniqueNames(data.roleGroups, "roleGroups");

  const checkReferences = <Entry extends { name: string }>(
    owners: { name: string }[],
    field: "roles" | "roleGroups",
    list: "tasks" | "roles",
    listOf: (owner: number) => string[],
    known: Map<string, number>,
    targets: Entry[],
  ) => {
    owners.forEach((_owner, ownerIndex) => {
      const seen = new Set<string>();
      listOf(ownerIndex).forEach((name, index) => {
        const path = [field, ownerIndex, list, index];
        const at = known.get(name.toLowerCase());
        const what = list === "tasks" ? "task" : "role";
        if (at === undefined) problems.push({ path, message: `names ${JSON.stringify(name)}, which is not a ${what} of this catalog` });
        else if (targets[at]!.name !== name) {
          problems.push({ path, message: `names ${JSON.stringify(name)}: the ${what} is spelled ${JSON.stringify(targets[at]!.name)}` });
        } else if (seen.has(name)) problems.push({ path, message: `lists ${JSON.stringify(name)} twice` });
        seen.add(name);
      });
    });
  };
  checkReferences(data.roles, "roles", "tasks", (i) => data.roles[i]!.tasks, taskIndex, data.tasks);
  checkReferences(data.roleGroups, "roleGroups", "roles", (i) => data.roleGroups[i]!.roles, roleIndex, data.roles);

  const links = data.roles.reduce((n, r) => n + r.tasks.length, 0) + data.roleGroups.reduce((n, g) => n + g.roles.length, 0);
  if (links > CATALOG_LIMITS.links) {
    problems.push({ path: ["roles"], message: `link ${links} tasks and roles in all: at most ${CATALOG_LIMITS.links}` });
  }
  if (problems.length) refuse(problems);

  return {
    description: data.description,
    tasks: data.tasks.map((t) => ({ name: t.name, description: t.description ?? "" })),
    roles: data.roles.map((r) => ({ name: r.name, description: r.description ?? "", tasks: r.tasks })),
    roleGroups: data.roleGroups.map((g) => ({ name: g.name, description: g.description ?? "", roles: g.roles })),
  };
}

/** parseInput's `roles.2.tasks.0` back into a path. */
function dottedToPath(field: string): PropertyKey[] {
  if (field === "input") return [];
  return field.split(".").map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
