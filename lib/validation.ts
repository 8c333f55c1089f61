import { z } from "zod";
import { DomainError, type FieldErrors } from "./errors";

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
    return throwInvalid(problems);
  }
  return throwInvalid(
    parsed.error.issues.flatMap((issue) =>
      // Each unknown key is a field of its own, named with the path to it: `user.__proto__`.
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({ field: [...issue.path, key].join("."), message: "is not a known field" }))
        : [{ field: issue.path.length ? issue.path.join(".") : "input", message: issue.message }],
    ),
  );
}

/**
 * The field errors of a refusal, by field. Collected without a prototype, so a field named
 * `__proto__` or `constructor` (an unknown key in hostile JSON) is a key like any other; handed
 * on as a plain object (screens receive it through React, which refuses null prototypes) whose
 * entries stay own data properties, `__proto__` included.
 */
function fieldErrorsOf(problems: { field: string; message: string }[]): FieldErrors {
  const fields: FieldErrors = Object.create(null);
  for (const { field, message } of problems) {
    const messages = (fields[field] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return Object.fromEntries(Object.entries(fields));
}

function throwInvalid(problems: { field: string; message: string }[]): never {
  const fields = fieldErrorsOf(problems);
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  throw new DomainError("invalid:input", `Some fields are not valid. ${summary}`, fields);
}

/**
 * JSON as objects without a prototype, at every depth: every key of the input is data, so a
 * missing `constructor` or `toString` reads as absent rather than as Object.prototype's, and a
 * key `__proto__` stays a key. Iterative, so no nesting overflows the stack.
 */
export function withoutPrototypes(json: unknown): unknown {
  const pending: [Record<string, unknown>, Record<string, unknown>][] = [];
  const copy = (value: unknown) => {
    if (!value || typeof value !== "object") return value;
    const target = Array.isArray(value) ? new Array<unknown>(value.length) : Object.create(null);
    pending.push([value as Record<string, unknown>, target]);
    return target;
  };
  const root = copy(json);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [source, target] = next;
    for (const key of Object.keys(source)) target[key] = copy(source[key]);
  }
  return root;
}

/**
 * A JSON object whose keys are data, such as a task's parameters, as an object without a prototype.
 * (zod's `z.record` drops a key named `__proto__` without a word: it cannot set it on the plain
 * object it builds. A parameter of that name would vanish instead of being refused by the task.)
 */
export const jsonObject = z
  .custom<Record<string, unknown>>((input) => typeof input === "object" && input !== null && !Array.isArray(input), {
    error: "must be an object",
  })
  .transform((input) => withoutPrototypes(input) as Record<string, unknown>)
  .meta({ type: "object", additionalProperties: {} });

const UNSTORABLE = "contains a character that cannot be stored (NUL, or half of a surrogate pair)";
/** Deeper than any input Elevate takes; far deeper would overflow the stack of whoever walks it next. */
const MAX_DEPTH = 32;

/** Text Postgres can store and compare: well-formed UTF-16 and no NUL. */
export const storable = (text: string) => text.isWellFormed() && !text.includes("\u0000");

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

/** The longest any duration can be: the organisation's maximum is at most this, policies' and windows' within it. */
const MAX_DURATION_HOURS = 24 * 7;

/**
 * Hours in quarter-hour steps, as the API takes durations: `multipleOf` (not a refinement), so the
 * OpenAPI document says it too. At most a week, so a huge number is refused here, by its field.
 */
export const quarterHours = (what: string) =>
  z
    .number({ error: `${what} must be a number of hours` })
    .positive(`${what} must be more than 0 hours`)
    .multipleOf(0.25, `${what} must be in steps of 0.25 hours`)
    .max(MAX_DURATION_HOURS, "must be at most a week (168 hours)");

export const minutesOf = (hours: number) => Math.round(hours * 60);
export const hoursOf = (minutes: number) => minutes / 60;

/**
 * The instants Elevate takes, from 0001-01-01 to 9999-12-31 UTC: inside what Postgres's timestamptz
 * stores (4713 BC to 294276 AD) and a JavaScript Date holds (±275760 years), and what ISO 8601's
 * four-digit years spell. Postgres refuses year 0 (there is none between 1 BC and AD 1), and past
 * 9999 `toISOString` writes `+010000`, which Postgres does not read: either would fail the query.
 */
const EARLIEST_INSTANT = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

const inStoredRange = (time: number) => time >= EARLIEST_INSTANT && time <= LATEST_INSTANT;

/**
 * An ISO 8601 date and time with a Z or an offset (`2026-01-31T09:00:00Z`), a real day of a real
 * month, within the years 1 to 9999 UTC; still the text it was (callers make the Date).
 */
export const isoDateTime = z
  .iso.datetime({ offset: true, error: "must be an ISO 8601 date and time, such as 2026-01-31T09:00:00Z" })
  // Not a date at all is the format's message alone.
  .refine((text) => Number.isNaN(Date.parse(text)) || inStoredRange(Date.parse(text)), {
    error: "must be between the years 1 and 9999 (UTC)",
  });
