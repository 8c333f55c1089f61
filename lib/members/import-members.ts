import { parse } from "csv-parse/sync";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { type AppRole, memberships, users } from "@/db/schema";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import { APP_ROLE_LABELS, type Actor } from "@/lib/auth/roles";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { parseInput } from "@/lib/validation";
import { type NewMember, insertMembers } from "./insert-members";
import { memberEmail, memberName, memberRoleGroups, orderedRoles } from "./member-input";
import { findRoleGroups, roleGroupProblem } from "./resolve-role-groups";

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
export const IMPORT_COLUMNS = ["email", "name", "roles", "roleGroups", "guest"] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

export const importMembersInput = z.strictObject({
  csv: z
    .string({ error: "must be the CSV file's text" })
    .refine((text) => Buffer.byteLength(text, "utf8") <= MAX_IMPORT_BYTES, { error: "must be at most 1 MiB" }),
  dryRun: z.boolean({ error: "must be true or false" }).default(false),
});
export type ImportMembersInput = z.input<typeof importMembersInput>;

export interface ImportRow {
  /** The row of the file (its line; the header is row 1), as a spreadsheet numbers it. */
  row: number;
  email: string;
  name: string | null;
  roles: AppRole[];
  roleGroups: string[];
  guest: boolean;
  /** `add`: would be added (a preview); `added`: was added; `existing`: already a member, left as is. */
  status: "add" | "added" | "existing" | "invalid";
  /** By column, for rows that cannot be imported. */
  errors: FieldErrors;
}

export interface ImportResult {
  dryRun: boolean;
  /** How many rows are (or would be) added, already members, and wrong. */
  added: number;
  existing: number;
  invalid: number;
  rows: ImportRow[];
}

/**
 * `elevate member import`: people from a CSV file with the columns `email,name,roles,roleGroups,guest`
 * (a header row first; roles and role groups separated by `;`; guest `true`/`false`). A dry run
 * writes nothing and answers each row's problems and whether it would be added or is a member
 * already. The import itself writes every new member in one transaction, or, when any row is
 * wrong, nothing: `invalid:csv` with fields keyed by row and column (`row 3: email`). Members
 * already in the organisation are left as they are. Each added member is audited `member.added`
 * (`via: "csv"`) and invited. Global Administrators only, the preview included.
 */
export async function importMembers(db: Database, { actor, input }: { actor: Actor; input: ImportMembersInput }): Promise<ImportResult> {
  authorize(actor, "manage-members");
  const data = parseInput(importMembersInput, input);
  const parsed = parseCsv(data.csv);
  if (data.dryRun) return summarise(true, await judgeRows(db, actor.organisationId, parsed));

  return auditedTransaction(db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    const judged = await judgeRows(tx, actor.organisationId, parsed);
    const bad = judged.filter((row) => row.status === "invalid");
    if (bad.length > 0) {
      const fields: FieldErrors = {};
      for (const row of bad) {
        for (const [column, messages] of Object.entries(row.errors)) fields[`row ${row.row}: ${column}`] = messages;
      }
      const rows = bad.map((row) => row.row);
      throw new DomainError(
        "invalid:csv",
        `${bad.length === 1 ? "Row" : "Rows"} ${rows.slice(0, 10).join(", ")}${rows.length > 10 ? ", …" : ""} cannot be imported: nothing was imported. Fix ${bad.length === 1 ? "it" : "them"} and import the file again.`,
        fields,
      );
    }
    const toAdd = judged.filter((row) => row.status === "add");
    await insertMembers(tx, { actor, people: toAdd.map((row) => row.person!), via: "csv" });
    return summarise(
      false,
      judged.map((row) => ({ ...row, status: row.status === "add" ? "added" : row.status })),
    );
  });
}

function summarise(dryRun: boolean, judged: (ImportRow & { person?: NewMember })[]): ImportResult {
  const rows = judged.map(({ person: _person, ...row }) => row);
  const count = (...statuses: ImportRow["status"][]) => rows.filter((row) => statuses.includes(row.status)).length;
  return { dryRun, added: count("add", "added"), existing: count("existing"), invalid: count("invalid"), rows };
}

interface ParsedRow {
  row: number;
  values: Partial<Record<Column, string>>;
  /** A problem with the row's shape (too many fields). */
  shape?: string;
}

const csvError = (message: string, field = "csv") => new DomainError("invalid:csv", message, { [field]: [message] });

/** Column names as people write them: `roleGroups`, `Role groups`, `role_groups` are one column. */
const normalised = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/g, "");
const COLUMN_OF = new Map<string, Column>(IMPORT_COLUMNS.map((column) => [normalised(column), column]));

/**
 * The file's rows by column. Records are arrays (never objects keyed by the file's own header, so a
 * header such as `__proto__` is a name like any other), and the header must name known columns.
 */
function parseCsv(text: string): ParsedRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 64 * 1024,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const reason = (error as Error).message.replace(/\s+/g, " ").slice(0, 200);
    throw csvError(`The file is not valid CSV${line ? ` (row ${line})` : ""}: ${reason}`, line ? `row ${line}` : "csv");
  }
  const nonEmpty = records.filter(({ record }) => record.some((value) => value !== ""));
  const [header, ...body] = nonEmpty;
  if (!header) throw csvError("The file is empty: it needs a header row (email,name,roles,roleGroups,guest) and a row per person.");
  const columns: Column[] = [];
  const problems: string[] = [];
  for (const name of header.record) {
    const column = COLUMN_OF.get(normalised(name));
    if (!column) {
      problems.push(
        name.includes("@")
          ? "The first row must be the header (email,name,roles,roleGroups,guest), not a person."
          : `"${name.slice(0, 60)}" is not a column: use ${IMPORT_COLUMNS.join(", ")}.`,
      );
    } else if (columns.includes(column)) problems.push(`The column ${column} appears twice.`);
    columns.push(column as Column);
  }
  if (problems.length === 0 && !columns.includes("email")) problems.push("The header has no email column.");
  if (problems.length > 0) throw new DomainError("invalid:csv", problems[0]!, { header: [...new Set(problems)] });
  if (body.length === 0) throw csvError("The file has a header but nobody in it.");
  if (body.length > MAX_IMPORT_ROWS) {
    throw csvError(`The file has ${body.length} people: import at most ${MAX_IMPORT_ROWS.toLocaleString("en")} at a time.`);
  }
  return body.map(({ record, info }) => {
    const values: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      if (record[i] !== undefined && record[i] !== "") values[column] = record[i];
    });
    const shape =
      record.length > columns.length ? `has ${record.length} fields but the header names ${columns.length}` : undefined;
    return { row: info.lines, values, shape };
  });
}

const ROLE_OF = new Map<string, AppRole>(
  (Object.entries(APP_ROLE_LABELS) as [AppRole, string][]).flatMap(([role, label]) => [
    [role, role],
    [normalised(label), role],
    [normalised(role), role],
  ]),
);
const TRUE = new Set(["true", "yes", "y", "1", "guest"]);
const FALSE = new Set(["false", "no", "n", "0", "member"]);
const list = (text: string | undefined) => [...new Set((text ?? "").split(";").map((item) => item.trim()).filter(Boolean))];
const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "is not valid";

/** Each row checked: its fields, a repeated email, role groups that exist, whether they are a member already. */
async function judgeRows(db: Executor, organisationId: string, parsed: ParsedRow[]) {
  const firstRowOf = new Map<string, number>();
  const checked = parsed.map(({ row, values, shape }) => {
    const errors: FieldErrors = {};
    const fail = (column: string, message: string) => (errors[column] ??= []).push(message);
    if (shape) fail("row", shape);

    const email = memberEmail.safeParse(values.email ?? "");
    if (!values.email) fail("email", "is required");
    else if (!email.success) fail("email", firstIssue(email.error));
    const address = email.success ? email.data : (values.email ?? "").slice(0, 254);
    if (email.success) {
      const first = firstRowOf.get(address);
      if (first !== undefined) fail("email", `appears again: row ${first} has it already`);
      else firstRowOf.set(address, row);
    }

    const name = values.name === undefined ? undefined : memberName.safeParse(values.name);
    if (name && !name.success) fail("name", firstIssue(name.error));

    const roles: AppRole[] = [];
    for (const text of list(values.roles)) {
      const role = ROLE_OF.get(normalised(text));
      if (role) roles.push(role);
      else fail("roles", `"${text.slice(0, 60)}" is not a role: use global_admin, role_management or auditor`);
    }

    const roleGroups = list(values.roleGroups);
    const groupsParsed = memberRoleGroups.safeParse(roleGroups);
    if (!groupsParsed.success) fail("roleGroups", firstIssue(groupsParsed.error));

    const guestText = (values.guest ?? "").toLowerCase();
    const guest = TRUE.has(guestText);
    if (guestText && !guest && !FALSE.has(guestText)) fail("guest", "must be true or false");
    if (guest && roles.length > 0) fail("roles", "guests cannot hold admin roles");

    return {
      row,
      email: address,
      name: name?.success ? name.data : null,
      roles: orderedRoles(roles),
      roleGroups,
      guest,
      errors,
      valid: email.success,
    };
  });

  const resolved = await findRoleGroups(db, organisationId, checked.flatMap((row) => (row.errors.roleGroups ? [] : row.roleGroups)));
  const unknown = new Set(resolved.unknown);
  const ambiguous = new Set(resolved.ambiguous);
  const emails = checked.filter((row) => row.valid).map((row) => row.email);
  const existing = new Set<string>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), inArray(users.email, emails.slice(i, i + 500))));
    for (const row of rows) existing.add(row.email);
  }

  return checked.map(({ valid: _valid, ...row }): ImportRow & { person?: NewMember } => {
    if (!row.errors.roleGroups) {
      const problem = roleGroupProblem({
        unknown: row.roleGroups.filter((name) => unknown.has(name)),
        ambiguous: row.roleGroups.filter((name) => ambiguous.has(name)),
      });
      if (problem) row.errors.roleGroups = [problem];
    }
    if (Object.keys(row.errors).length > 0) return { ...row, status: "invalid" };
    if (existing.has(row.email)) return { ...row, status: "existing" };
    const person: NewMember = {
      email: row.email,
      name: row.name ?? undefined,
      roles: row.roles,
      roleGroups: new Map(row.roleGroups.map((name) => [name, resolved.ids.get(name)!])),
      guest: row.guest,
    };
    return { ...row, status: "add", person };
  });
}
