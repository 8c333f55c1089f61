/**
 * A task's output as a person reads it, the way PowerShell formats a cmdlet's objects: several
 * objects as a table with a column per property, one object as a list of its properties, and
 * nothing as a sentence that says what happened, never `null`. Plain data, for the runspace screen.
 */
import type { ParametersSchema } from "./describe-tasks";

/** One shown value; null is a property that is empty ($null). */
export type Cell = string | null;

export type ResultView =
  | { kind: "table"; columns: string[]; rows: Cell[][] }
  | { kind: "record"; entries: [string, Cell][] }
  | { kind: "value"; text: string }
  | { kind: "empty"; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A property's value in a cell: booleans as PowerShell prints them, lists joined, objects as JSON. */
export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length ? value.map((entry) => cellOf(entry) ?? "").join(", ") : null;
  return JSON.stringify(value);
}

/** The cmdlet's verb as what it did: Remove → removed. */
const pastTense: Record<string, string> = {
  Add: "added",
  Disable: "turned off",
  Enable: "turned on",
  New: "created",
  Remove: "removed",
  Set: "changed",
  Start: "started",
};

/** `Remove-JournalRule` → verb `Remove`, noun `JournalRule`, `journal rule`, `journal-rule`. */
function partsOf(task: string) {
  const [verb = task, noun = ""] = task.split(/-(.*)/s);
  const words = noun.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return { verb, words, kind: words.replace(/ /g, "-") };
}

/** The object the run was about, as the parameters named it: "the journal rule 'X'". */
function subjectOf(task: string, parameters: Record<string, unknown>, schema: ParametersSchema | undefined) {
  const { words, kind } = partsOf(task);
  const identity = typeof parameters.Identity === "string" ? parameters.Identity.trim() : "";
  const object = schema?.properties.Identity?.object;
  if (identity && object?.kind === kind) return `the ${object.label} '${identity}'`;
  const noun = words ? `the ${words}` : "it";
  return identity ? `${noun} of '${identity}'` : noun;
}

function emptyMessage(task: string, result: unknown, parameters: Record<string, unknown>, schema: ParametersSchema | undefined) {
  const { verb, words, kind } = partsOf(task);
  if (Array.isArray(result)) {
    // A Get- that found nothing: say what it looked for.
    const objects = Object.values(schema?.properties ?? {}).find((p) => p.object?.kind === kind)?.object?.plural ?? `${words || "object"}s`;
    return `No output: ${task} found no ${objects}${Object.keys(parameters).length ? " that match the parameters" : ""}.`;
  }
  const done = pastTense[verb];
  // Like the cmdlet, a Remove- returns nothing: say what it did.
  if (done) return `Done: ${subjectOf(task, parameters, schema)} was ${done}.`;
  return `Done: ${task} ran and, like the cmdlet, returned no output.`;
}

export function presentResult({
  task,
  result,
  parameters = {},
  schema,
}: {
  task: string;
  result: unknown;
  /** What the run was given: the empty answer names the object. */
  parameters?: Record<string, unknown>;
  schema?: ParametersSchema;
}): ResultView {
  if (result === null || result === undefined || (Array.isArray(result) && result.length === 0) || result === "") {
    return { kind: "empty", message: emptyMessage(task, result, parameters, schema) };
  }
  if (Array.isArray(result)) {
    if (result.every(isRecord)) {
      const columns = [...new Set(result.flatMap((row) => Object.keys(row)))];
      return { kind: "table", columns, rows: result.map((row) => columns.map((column) => cellOf(row[column]))) };
    }
    return { kind: "table", columns: ["Value"], rows: result.map((value) => [isRecord(value) ? JSON.stringify(value) : cellOf(value)]) };
  }
  if (isRecord(result)) return { kind: "record", entries: Object.entries(result).map(([name, value]) => [name, cellOf(value)]) };
  return { kind: "value", text: cellOf(result) ?? "" };
}
