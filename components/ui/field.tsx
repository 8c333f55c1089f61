import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useState } from "react";
import { CharacterCount } from "./character-count";
import { cn } from "./cn";

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";

interface FieldProps {
  name: string;
  /** Needed when one form appears several times on a page: ids must stay unique. */
  id?: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  /** A length limit to count against as the person types: "123 / 1000". */
  counter?: { length: number; max: number };
  children: (props: { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string; className: string }) => ReactNode;
}

/** A labelled control with its hint and its errors announced next to it. */
export function Field({ name, id: explicitId, label, hint, errors, className, counter, children }: FieldProps) {
  const id = explicitId ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, counter ? `${id}-count` : null, errors?.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({
        id,
        name,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": describedBy || undefined,
        className: control,
      })}
      {counter ? (
        <div className="flex items-start justify-between gap-3">
          {hint && (
            <p id={`${id}-hint`} className="mt-1 min-w-0 text-xs text-slate-500">
              {hint}
            </p>
          )}
          <CharacterCount id={`${id}-count`} length={counter.length} max={counter.max} className="ml-auto" />
        </div>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

export function TextField(props: Omit<FieldProps, "children"> & InputHTMLAttributes<HTMLInputElement>) {
  const { name, id, label, hint, errors, className, ...input } = props;
  return (
    <Field name={name} id={id} label={label} hint={hint} errors={errors} className={className}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}

/**
 * A text area; with `limit` (the schema's maximum, from lib/) it counts as the person types. The
 * count is of the trimmed text, as the schema measures it. For client components only (it keeps state).
 */
export function TextAreaField(props: Omit<FieldProps, "children" | "counter"> & TextareaHTMLAttributes<HTMLTextAreaElement> & { limit?: number }) {
  const { name, id, label, hint, errors, className, limit, onChange, ...textarea } = props;
  const [length, setLength] = useState(() => String(textarea.value ?? textarea.defaultValue ?? "").trim().length);
  const counted = textarea.value === undefined ? length : String(textarea.value).trim().length;
  return (
    <Field
      name={name}
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      className={className}
      counter={limit === undefined ? undefined : { length: counted, max: limit }}
    >
      {(control) => (
        <textarea
          rows={3}
          {...textarea}
          {...control}
          onChange={(event) => {
            setLength(event.target.value.trim().length);
            onChange?.(event);
          }}
        />
      )}
    </Field>
  );
}

export function SelectField(
  props: Omit<FieldProps, "children"> & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] },
) {
  const { name, id, label, hint, errors, className, options, ...select } = props;
  return (
    <Field name={name} id={id} label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <select {...select} {...control}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField({ name, label, defaultChecked, hint }: { name: string; label: string; defaultChecked?: boolean; hint?: string }) {
  return (
    <div className="flex items-start gap-2">
      <input id={`field-${name}`} name={name} type="checkbox" value="true" defaultChecked={defaultChecked} className={cn("mt-1 h-4 w-4")} />
      <div>
        <label htmlFor={`field-${name}`} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint && <p className="text-xs text-slate-500">{hint}</p>}
      </div>
    </div>
  );
}
