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
    const problems = unstorable(parsed.data);
    if (problems.length === 0) return parsed.data;
    const fields = Object.fromEntries(problems.map(({ field, message }) => [field, [message]]));
    return throwInvalid(problems.map(({ field, message }) => `${field}: ${message}`).join(". "), fields);
  }
  // No prototype: a field named `__proto__` (an unknown key in hostile JSON) is a key like any other.
  const fields: Record<string, string[]> = Object.create(null);
  for (const issue of parsed.error.issues) {
    const key =
      issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.length ? issue.path.join(".") : "input";
    const message = issue.code === "unrecognized_keys" ? "is not a known field" : issue.message;
    (fields[key] ??= []).push(message);
  }
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  // Back to a plain object (screens receive it through React, which refuses null prototypes); the
  // entries stay own data properties, `__proto__` included.
  return throwInvalid(summary, Object.fromEntries(Object.entries(fields)));
}

const UNSTORABLE = "contains a character that cannot be stored (NUL, or half of a surrogate pair)";
/** Deeper than any input Elevate takes; far deeper would overflow the stack of whoever walks it next. */
const MAX_DEPTH = 32;

const storable = (text: string) => text.isWellFormed() && !text.includes("\u0000");

/**
 * Strings and object keys, at any depth, that are not well-formed Unicode or hold NUL, and
 * nesting past MAX_DEPTH. The path is one array, pushed and popped, so a wide input costs no copies.
 */
function unstorable(value: unknown, path: string[] = [], found: { field: string; message: string }[] = []) {
  const here = () => path.join(".") || "input";
  if (typeof value === "string") {
    if (!storable(value)) found.push({ field: here(), message: UNSTORABLE });
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    if (path.length >= MAX_DEPTH) found.push({ field: here(), message: `is nested more than ${MAX_DEPTH} levels deep` });
    else {
      for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
        path.push(String(key));
        if (typeof key === "string" && !storable(key)) found.push({ field: here(), message: `is a key that ${UNSTORABLE}` });
        else unstorable(item, path, found);
        path.pop();
      }
    }
  }
  return found;
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
