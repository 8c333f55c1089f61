"use client";

import { SelectField, TextField } from "@/components/ui/field";
import type { ParameterSchema } from "@/lib/runspace/describe-tasks";
import { ObjectCombobox } from "./object-combobox";
import { controlOf } from "./parameter-values";

/** What to type, said once under the field: the form never blocks a value the server would explain. */
function hintOf(parameter: ParameterSchema): string | undefined {
  const parts: string[] = [];
  if (parameter.description) parts.push(parameter.description);
  const whole = parameter.type === "integer" ? "A whole number" : "A number";
  if (parameter.type === "integer" || parameter.type === "number") {
    const range =
      parameter.minimum !== undefined && parameter.maximum !== undefined
        ? ` from ${parameter.minimum} to ${parameter.maximum}`
        : parameter.minimum !== undefined
          ? ` of at least ${parameter.minimum}`
          : parameter.maximum !== undefined
            ? ` of at most ${parameter.maximum}`
            : "";
    parts.push(`${whole}${range}${parameter.alsoAccepts?.length ? `, or ${parameter.alsoAccepts.join(" or ")}` : ""}.`);
  }
  if (parameter.type === "array") parts.push("One or more values, separated by commas.");
  if (parameter.secret) parts.push("Never stored or audited in clear.");
  if (parameter.default !== undefined && parameter.type !== "boolean") parts.push(`Default: ${String(parameter.default)}.`);
  return parts.length ? parts.join(" ") : undefined;
}

/** The task a field belongs to, for the objects its picker offers. */
export interface PickerContext {
  scope: string;
  task: string;
  /** The access decision lets the person run the task now. */
  available: boolean;
}

export function ParameterField({
  name,
  parameter,
  required,
  errors,
  picker,
}: {
  name: string;
  parameter: ParameterSchema;
  required: boolean;
  errors?: string[];
  picker?: PickerContext;
}) {
  const control = controlOf(parameter, required);
  const label = required ? `${name} (required)` : name;
  const hint = hintOf(parameter);
  // No `required` attribute: the task's own validation answers, next to the field, in its words.
  const common = { name, label, hint, errors, "aria-required": required || undefined, autoComplete: "off" } as const;
  const initial = parameter.default === undefined || parameter.default === null ? undefined : String(parameter.default);

  // A parameter that names an object of the workload offers them, and still takes what is typed.
  if (parameter.object && picker && (control === "text" || control === "list")) {
    return (
      <ObjectCombobox
        name={name}
        label={label}
        hint={hint}
        errors={errors}
        object={parameter.object}
        multiple={control === "list"}
        defaultValue={Array.isArray(parameter.default) ? parameter.default.join(", ") : initial}
        required={required}
        {...picker}
      />
    );
  }

  switch (control) {
    case "checkbox":
      return <CheckboxParameter name={name} label={label} hint={hint} errors={errors} defaultChecked={parameter.default === true} />;
    case "yes-no":
      return (
        <SelectField
          {...common}
          defaultValue=""
          options={[
            { value: "", label: "Not set" },
            { value: "true", label: "Yes ($true)" },
            { value: "false", label: "No ($false)" },
          ]}
        />
      );
    case "select":
      return (
        <SelectField
          {...common}
          defaultValue={initial ?? ""}
          options={[
            ...(initial === undefined ? [{ value: "", label: required ? "Choose…" : "Not set" }] : []),
            ...parameter.enum!.map((value) => ({ value, label: value })),
          ]}
        />
      );
    case "number":
      return (
        <TextField
          {...common}
          type="number"
          inputMode={parameter.type === "integer" ? "numeric" : "decimal"}
          step={parameter.type === "integer" ? 1 : "any"}
          defaultValue={initial}
          className="sm:max-w-48"
        />
      );
    case "number-or-word":
      return <TextField {...common} type="text" defaultValue={initial} className="sm:max-w-48" />;
    case "password":
      return <TextField {...common} type="password" autoComplete="new-password" />;
    case "list":
      return <TextField {...common} type="text" placeholder="first, second" defaultValue={Array.isArray(parameter.default) ? parameter.default.join(", ") : initial} />;
    default:
      return <TextField {...common} type="text" maxLength={parameter.maxLength} defaultValue={initial} spellCheck={false} />;
  }
}

/** A flag, with its error announced next to it like every other field. */
function CheckboxParameter({
  name,
  label,
  hint,
  errors,
  defaultChecked,
}: {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  defaultChecked: boolean;
}) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        value="true"
        defaultChecked={defaultChecked}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 h-4 w-4 rounded border-slate-400"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        )}
        <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700 empty:hidden">
          {errors?.join(" ")}
        </p>
      </div>
    </div>
  );
}
