/**
 * An error as a log record: its type, message, stack and cause chain, and nothing of the data it
 * was about. A failed query's error holds the statement's values three times over: drizzle's
 * `params` and its message ("Failed query: … params: a@b.example,…"), and the driver's own message
 * or `detail` (`invalid input syntax for type uuid: "…"`, `Key (email)=(…) already exists`). So only
 * descriptive fields are kept (a list, not a blocklist: a driver may add fields), the params part
 * of a message is cut, and every value the chain's `params` held is blanked wherever it still shows.
 */

/** Fields that describe what failed (code, constraint, syscall), never a value that was sent. */
const DESCRIPTIVE_FIELDS = [
  "code",
  "errno",
  "syscall",
  "address",
  "port",
  "severity",
  "routine",
  "constraint",
  "table",
  "column",
  "schema",
  "dataType",
  "hint",
  "position",
  // The statement's text: values travel as $1, $2 in `params`, which is never kept.
  "query",
] as const;

const MAX_DEPTH = 6;
/** Shorter values (`1`, `t`) are too common in any text to blank without blanking the text. */
const MIN_SECRET_LENGTH = 3;
export const REDACTED = "[redacted]";

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError | string;
  errors?: (SerializedError | string)[];
  [field: string]: unknown;
}

export function serializeError(error: unknown): SerializedError | string {
  const values = new Set<string>();
  collectParams(error, values, new Set());
  const blank = (text: string) => {
    let safe = text;
    for (const value of values) safe = safe.split(value).join(REDACTED);
    return safe;
  };
  return serialize(error, blank, new Set(), 0);
}

/**
 * Keys of a plain object in a chain (Auth.js wraps its cause as `{ err }`) whose values are data, not
 * a description: such an object is not a driver error, so a list of what to keep cannot apply.
 */
const DATA_KEYS = /^(params|parameters|values|detail|authorization|cookie|set-cookie)$|token|secret|password|session/i;

function serialize(error: unknown, blank: (text: string) => string, seen: Set<unknown>, depth: number): SerializedError | string {
  if (!(error instanceof Error)) return serializeValue(error, blank, seen, depth) as SerializedError | string;
  if (seen.has(error) || depth >= MAX_DEPTH) return "[cause chain cut]";
  seen.add(error);
  const record = error as Error & Record<string, unknown>;
  const message = blank(withoutParams(record));
  const out: SerializedError = { type: typeName(error), message };
  if (typeof error.stack === "string") out.stack = blank(restack(error.stack, out.type, message));
  for (const field of DESCRIPTIVE_FIELDS) {
    const value = record[field];
    if (typeof value === "string") out[field] = blank(value);
    else if (typeof value === "number" || typeof value === "boolean") out[field] = value;
  }
  if (error.cause !== undefined) out.cause = serializeValue(error.cause, blank, seen, depth + 1) as SerializedError | string;
  if (Array.isArray(record.errors)) {
    out.errors = record.errors.slice(0, 5).map((inner) => serialize(inner, blank, seen, depth + 1));
  }
  return out;
}

function serializeValue(value: unknown, blank: (text: string) => string, seen: Set<unknown>, depth: number): unknown {
  if (value instanceof Error) return serialize(value, blank, seen, depth);
  if (typeof value === "string") return blank(value);
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? String(value) : value;
  if (seen.has(value) || depth >= MAX_DEPTH) return "[cut]";
  seen.add(value);
  if (Array.isArray(value)) return value.slice(0, 10).map((item) => serializeValue(item, blank, seen, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value).slice(0, 20)) {
    out[key] = DATA_KEYS.test(key) ? REDACTED : serializeValue(inner, blank, seen, depth + 1);
  }
  return out;
}

/** Drizzle writes the values into its message after "\nparams: "; with `params` beside it, cut there. */
function withoutParams(error: Error & Record<string, unknown>) {
  const message = String(error.message ?? "");
  const cut = message.lastIndexOf("\nparams: ");
  return Array.isArray(error.params) && cut >= 0 ? message.slice(0, cut) : message;
}

/** The stack's frames under the cleaned message: V8 starts a stack with the message it had. */
function restack(stack: string, type: string, message: string) {
  const frames = stack.indexOf("\n    at ");
  return frames >= 0 ? `${type}: ${message}${stack.slice(frames)}` : stack;
}

/** Every `params` anywhere in the chain: causes, aggregated errors, and objects wrapping them. */
function collectParams(value: unknown, values: Set<string>, seen: Set<unknown>, depth = 0) {
  if (!value || typeof value !== "object" || seen.has(value) || seen.size > 200 || depth > MAX_DEPTH) return;
  seen.add(value);
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.params)) for (const param of record.params) addValue(param, values);
  const inner = value instanceof Error ? [record.cause, ...(Array.isArray(record.errors) ? record.errors : [])] : Object.values(record);
  for (const item of inner) if (item !== record.params) collectParams(item, values, seen, depth + 1);
}

function addValue(value: unknown, values: Set<string>) {
  if (value === null || value === undefined || value instanceof Date) return;
  const text = typeof value === "string" ? value : typeof value === "object" ? safeString(value) : String(value);
  if (text.length >= MIN_SECRET_LENGTH) values.add(text);
  // Text inside a JSON parameter (jsonb) appears unquoted in messages too.
  if (typeof value === "object" && !(value instanceof Uint8Array)) {
    for (const inner of Object.values(value as Record<string, unknown>)) if (typeof inner !== "object") addValue(inner, values);
  }
}

/** Auth.js names its errors in `type` (class names do not survive minification in the bundle). */
function typeName(error: Error) {
  const declared = (error as { type?: unknown }).type;
  if (typeof declared === "string" && /^[A-Za-z]{3,64}$/.test(declared)) return declared;
  const name = error.name && error.name !== "Error" ? error.name : error.constructor?.name;
  return name || "Error";
}

function safeString(value: unknown) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The error's message as a person may read it (a terminal line), with the same values blanked. */
export function describeError(error: unknown): string {
  const serialized = serializeError(error);
  return typeof serialized === "string" ? serialized : serialized.message;
}
