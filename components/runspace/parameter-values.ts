/**
 * The form generated from a task's parameter description, and back: which control each parameter
 * gets, and how the form's strings become the typed values the task's schema takes (numbers as
 * numbers, flags as booleans, lists as arrays). The schema on the server still decides what is
 * valid; a value that does not convert is sent as typed, so its message comes back next to it.
 */
import type { ParameterSchema, ParametersSchema } from "@/lib/runspace/describe-tasks";

export type Control = "text" | "password" | "number" | "number-or-word" | "select" | "checkbox" | "yes-no" | "list";

export function controlOf(parameter: ParameterSchema, required: boolean): Control {
  if (parameter.secret) return "password";
  switch (parameter.type) {
    case "boolean":
      // An optional flag without a default has three states: left out changes nothing
      // (Set-Mailbox -LitigationHoldEnabled), which an unticked checkbox cannot say.
      return required || parameter.default !== undefined ? "checkbox" : "yes-no";
    case "integer":
    case "number":
      return parameter.alsoAccepts?.length ? "number-or-word" : "number";
    case "array":
      return "list";
    default:
      return parameter.enum?.length ? "select" : "text";
  }
}

const NUMBER = /^[-+]?\d+(\.\d+)?$/;

function toNumber(text: string): number | string {
  return NUMBER.test(text) ? Number(text) : text;
}

/** The form's values as the task's parameters; an empty field is a parameter left out. */
export function parametersFrom(form: FormData, schema: ParametersSchema): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(schema.properties)) {
    const control = controlOf(parameter, schema.required.includes(name));
    const raw = form.get(name);
    if (control === "checkbox") {
      parameters[name] = raw === "true";
      continue;
    }
    if (typeof raw !== "string" || raw === "") continue;
    switch (control) {
      case "yes-no":
        parameters[name] = raw === "true";
        break;
      case "number":
      case "number-or-word":
        parameters[name] = toNumber(raw.trim());
        break;
      case "list": {
        const entries = raw.split(",").map((entry) => entry.trim()).filter(Boolean);
        if (entries.length === 0) break;
        const numeric = parameter.items?.type === "integer" || parameter.items?.type === "number";
        parameters[name] = numeric ? entries.map(toNumber) : entries;
        break;
      }
      default:
        // Text goes as typed: some values keep their spaces on purpose (PrependSubject "[EXT] ").
        parameters[name] = raw;
    }
  }
  return parameters;
}
