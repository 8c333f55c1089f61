"use client";

import { useId } from "react";

export interface RadioCardOption<T extends string> {
  value: T;
  label: string;
  hint: string;
}

/**
 * A labelled group of radio buttons drawn as cards. Each radio is named by its label alone (the hint
 * is its description), and the label stretches over the card so the whole card is a click target.
 */
export function RadioCards<T extends string>({
  name,
  legend,
  options,
  value,
  defaultValue,
  onChange,
  errors,
}: {
  name: string;
  legend: string;
  options: RadioCardOption<T>[];
  /** Controlled; or leave it out and give `defaultValue`. */
  value?: T;
  defaultValue?: T;
  onChange?: (value: T) => void;
  errors?: string[];
}) {
  const id = useId();
  const errorId = `field-${name}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-[repeat(auto-fit,minmax(10rem,1fr))]">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div
              key={option.value}
              className="relative flex items-start gap-2 rounded-md bg-white p-3 ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600"
            >
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                {...(value !== undefined ? { checked: value === option.value } : { defaultChecked: defaultValue === option.value })}
                onChange={() => onChange?.(option.value)}
                aria-describedby={`${optionId}-hint`}
                className="relative z-10 mt-1"
              />
              <div>
                <label htmlFor={optionId} className="cursor-pointer text-sm font-medium text-slate-900 after:absolute after:inset-0">
                  {option.label}
                </label>
                <p id={`${optionId}-hint`} className="text-xs text-slate-600">
                  {option.hint}
                </p>
              </div>
            </div>
          );
        })}
      </div>
      <p id={errorId} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
        {errors?.join(" ")}
      </p>
    </fieldset>
  );
}
