import { z } from "zod";
import { DomainError } from "./errors";

/**
 * Parses input with a zod schema, or throws `invalid:input` with a message per field. Text that
 * Postgres cannot store (NUL, or half of a surrogate pair, which JSON can spell as "\ud800") is
 * refused here too: it would otherwise fail the write it ends up in, and a batched audit write
 * with it.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const unstorable = unstorableText(parsed.data);
    if (unstorable.length === 0) return parsed.data;
    const fields = Object.fromEntries(unstorable.map((field) => [field, [UNSTORABLE]]));
    return throwInvalid(unstorable.map((field) => `${field}: ${UNSTORABLE}`).join(". "), fields);
  }
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key =
      issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.length ? issue.path.join(".") : "input";
    const message = issue.code === "unrecognized_keys" ? "is not a known field" : issue.message;
    (fields[key] ??= []).push(message);
  }
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  return throwInvalid(summary, fields);
}

const UNSTORABLE = "contains a character that cannot be stored (NUL, or half of a surrogate pair)";

/** The paths of strings, at any depth, that are not well-formed Unicode or hold NUL. */
function unstorableText(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") {
    return value.isWellFormed() && !value.includes("\u0000") ? [] : [path.join(".") || "input"];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableText(item, [...path, String(index)]));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => unstorableText(item, [...path, key]));
  }
  return [];
}

function throwInvalid(summary: string, fields: Record<string, string[]>): never {
  throw new DomainError("invalid:input", `Some fields are not valid. ${summary}`, fields);
}

/** Hours in quarter-hour steps, as the API takes durations. */
export const quarterHours = (what: string) =>
  z
    .number({ error: `${what} must be a number of hours` })
    .positive(`${what} must be more than 0 hours`)
    .refine((hours) => Number.isInteger(hours * 4), { error: `${what} must be in steps of 0.25 hours` });

export const minutesOf = (hours: number) => Math.round(hours * 60);
export const hoursOf = (minutes: number) => minutes / 60;

/** A regular expression an administrator writes for reasons or tickets: it must compile. */
export const userPattern = z
  .string()
  .max(200, "must be at most 200 characters")
  .refine(
    (pattern) => {
      try {
        new RegExp(pattern);
        return true;
      } catch {
        return false;
      }
    },
    { error: "is not a valid regular expression" },
  );
