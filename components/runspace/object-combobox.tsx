"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { listWorkloadObjectsAction } from "@/app/(app)/runspace/actions";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import type { ObjectKindDescription } from "@/lib/runspace/exchange/object-kinds";

const SEARCH_DELAY_MS = 200;

/** The text after the last comma: what a list parameter's picker searches and replaces. */
function lastEntry(text: string, multiple: boolean) {
  return (multiple ? text.slice(text.lastIndexOf(",") + 1) : text).trim();
}

function withChoice(text: string, value: string, multiple: boolean) {
  if (!multiple) return value;
  const before = text.slice(0, text.lastIndexOf(",") + 1);
  return before ? `${before.trimEnd()} ${value}` : value;
}

function useDebounced<T>(value: T, delay: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * A parameter that names an object of the workload: a text field that offers the objects there
 * are (ARIA's editable combobox with a list). Anything may still be typed, since Exchange takes an
 * identity as a name, an alias, an address or a GUID. Type or press ↓ to open the list, ↑/↓ to
 * move, Enter to take one, Escape to close it. For a list parameter the choice replaces the entry
 * after the last comma.
 */
export function ObjectCombobox({
  name,
  label,
  hint,
  errors,
  object,
  multiple,
  defaultValue = "",
  scope,
  task,
  available,
  required,
}: {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  object: ObjectKindDescription;
  multiple: boolean;
  defaultValue?: string;
  scope: string;
  task: string;
  /** The access decision lets the person run the task now: only then are the objects listed. */
  available: boolean;
  required: boolean;
}) {
  const base = useId();
  const listboxId = `${base}-listbox`;
  const statusId = `${base}-status`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(defaultValue);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useDebounced(lastEntry(text, multiple), SEARCH_DELAY_MS);

  const { data, error, isFetching } = useQuery({
    queryKey: ["workload-objects", scope, task, name, search],
    queryFn: async () => {
      const result = await listWorkloadObjectsAction({ scope, task, parameter: name, search });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    enabled: open && available,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const items = open && available ? (data?.items ?? []) : [];

  // The form's Reset button puts the field back, as it does for every uncontrolled field.
  useEffect(() => {
    const form = input.current?.form;
    const reset = () => {
      setText(defaultValue);
      setOpen(false);
    };
    form?.addEventListener("reset", reset);
    return () => form?.removeEventListener("reset", reset);
  }, [defaultValue]);

  // The list sits in the page's flow, so closing it moves what is below. Closed on a blur at once,
  // a click on a button below would land where the button no longer is (the press blurs the field,
  // the release finds the button moved): a press elsewhere closes it once its click is done.
  const pressing = useRef(false);
  const closeAfterClick = useRef(false);
  useEffect(() => {
    const press = () => {
      pressing.current = true;
    };
    const release = () => {
      pressing.current = false;
    };
    const clicked = () => {
      pressing.current = false;
      if (!closeAfterClick.current) return;
      closeAfterClick.current = false;
      setOpen(false);
    };
    document.addEventListener("pointerdown", press, true);
    document.addEventListener("pointerup", release, true);
    document.addEventListener("pointercancel", release, true);
    document.addEventListener("click", clicked);
    return () => {
      document.removeEventListener("pointerdown", press, true);
      document.removeEventListener("pointerup", release, true);
      document.removeEventListener("pointercancel", release, true);
      document.removeEventListener("click", clicked);
    };
  }, []);

  function onBlur() {
    if (pressing.current) closeAfterClick.current = true;
    else setOpen(false);
  }

  // A new answer starts with nothing highlighted: Enter then runs the form, as it would without a list.
  useEffect(() => setActive(-1), [data]);

  function choose(index: number) {
    const item = items[index];
    if (!item) return;
    setText((current) => withChoice(current, item.value, multiple));
    setOpen(false);
    setActive(-1);
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = items.length;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) setOpen(true);
        else if (count) setActive((index) => (index + 1) % count);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) setOpen(true);
        else if (count) setActive((index) => (index <= 0 ? count - 1 : index - 1));
        break;
      case "Enter":
        if (open && active >= 0 && active < count) {
          event.preventDefault();
          choose(active);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  }

  const status = !available
    ? `The ${object.plural} are listed once you may run ${task}; you can still type one.`
    : !open
      ? `Type or press the down arrow for a list of the ${object.plural}.`
      : error
        ? `The list could not be read: ${error.message}`
        : !data || (isFetching && items.length === 0)
          ? `Looking for ${object.plural}…`
          : items.length === 0
            ? search
              ? `No ${object.label} matches “${search}”: what you typed is sent as it is.`
              : `There are no ${object.plural} yet.`
            : `${data.more ? `The first ${items.length}` : items.length} ${items.length === 1 ? object.label : object.plural}${
                data.more ? ": type to narrow them" : ""
              }. Use the arrow keys and Enter to take one.`;

  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      {(control) => (
        <div className="relative">
          <div className="relative">
            <input
              ref={input}
              id={control.id}
              name={control.name}
              type="text"
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={open && items.length > 0}
              aria-controls={listboxId}
              aria-activedescendant={open && active >= 0 && items[active] ? `${listboxId}-${active}` : undefined}
              aria-invalid={control["aria-invalid"]}
              aria-describedby={[control["aria-describedby"], statusId].filter(Boolean).join(" ")}
              aria-required={required || undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder={multiple ? "first, second" : undefined}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setOpen(true);
              }}
              onKeyDown={onKeyDown}
              onFocus={() => {
                closeAfterClick.current = false;
              }}
              onBlur={onBlur}
              className={cn(control.className, "pr-10")}
            />
            <button
              type="button"
              tabIndex={-1}
              aria-label={`Show the ${object.plural}`}
              aria-controls={listboxId}
              aria-expanded={open && items.length > 0}
              disabled={!available}
              // Keeps the focus in the field, so the list stays open to be used from the keyboard.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                setOpen((current) => !current);
                input.current?.focus();
              }}
              className="absolute inset-y-0 right-0 mt-1 flex w-9 items-center justify-center rounded-r-md text-slate-600 hover:bg-slate-50 disabled:text-slate-300"
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
              </svg>
            </button>
          </div>
          <ul
            id={listboxId}
            role="listbox"
            aria-label={`${object.plural[0]!.toUpperCase()}${object.plural.slice(1)}`}
            hidden={!(open && items.length > 0)}
            // In the page's flow, not over it: the list pushes the form down instead of covering its buttons.
            className="mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-md ring-1 ring-slate-200"
          >
            {items.map((item, index) => (
              <li
                key={`${item.value}-${index}`}
                id={`${listboxId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(index)}
                onMouseMove={() => setActive(index)}
                className={cn("cursor-pointer px-3 py-2", index === active ? "bg-brand-50 text-brand-900" : "text-slate-800")}
              >
                <span className="block font-medium wrap-anywhere">{item.label}</span>
                <span className="block text-xs text-slate-600 wrap-anywhere">{item.detail}</span>
              </li>
            ))}
          </ul>
          <p id={statusId} aria-live="polite" className="mt-1 text-xs text-slate-600">
            {status}
          </p>
        </div>
      )}
    </Field>
  );
}
