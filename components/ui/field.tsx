import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
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
  children: (props: { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string; className: string }) => ReactNode;
}

/** A labelled control with its hint and its errors announced next to it. */
export function Field({ name, id: explicitId, label, hint, errors, className, children }: FieldProps) {
  const id = explicitId ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
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
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
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

export function TextAreaField(props: Omit<FieldProps, "children"> & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { name, id, label, hint, errors, className, ...textarea } = props;
  return (
    <Field name={name} id={id} label={label} hint={hint} errors={errors} className={className}>
      {(control) => <textarea rows={3} {...textarea} {...control} />}
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
