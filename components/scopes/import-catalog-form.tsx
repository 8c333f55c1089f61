"use client";

import { type ChangeEvent, useId, useRef } from "react";
import { replaceScopeCatalogAction } from "@/app/(app)/settings/scopes/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/use-action";

const example = JSON.stringify(
  {
    tasks: [{ name: "ssh-prod", description: "Shell on a production host" }],
    roles: [{ name: "Prod Shell", tasks: ["ssh-prod"] }],
    roleGroups: [{ name: "Operators", roles: ["Prod Shell"] }],
  },
  null,
  2,
);

/**
 * Replaces an external scope's whole catalog from JSON, pasted or read from a file: the body of
 * `PUT /scopes/{name}`. The server checks all of it; each problem is listed by its path in the
 * JSON (`roles[2].tasks[0]`) next to the text, and nothing is saved until all are fixed.
 */
export function ImportCatalogForm({ scope, current }: { scope: string; current: string }) {
  const { formProps, pending, errors } = useActionForm(replaceScopeCatalogAction);
  const text = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const problems = Object.entries(errors ?? {}).filter(([field]) => field !== "name");

  const load = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file && text.current) text.current.value = await file.text();
  };

  return (
    <form {...formProps} noValidate aria-label={`Catalog of ${scope}`} className="space-y-3">
      <input type="hidden" name="name" value={scope} />
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          Upload a catalog file
        </label>
        <input id={`${id}-file`} type="file" accept="application/json,.json" onChange={load} className="mt-1 block text-sm" />
      </div>
      <div>
        <label htmlFor={`${id}-catalog`} className="block text-sm font-medium text-slate-800">
          Catalog JSON
        </label>
        <textarea
          ref={text}
          id={`${id}-catalog`}
          name="catalog"
          rows={10}
          spellCheck={false}
          defaultValue={current}
          placeholder={example}
          aria-invalid={problems.length ? true : undefined}
          aria-describedby={`${id}-hint ${id}-errors`}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm aria-[invalid=true]:border-red-600"
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          The whole catalog: tasks, roles (naming tasks) and role groups (naming roles). What is left out is removed, unless a policy or an open
          request still uses it.
        </p>
        <div id={`${id}-errors`} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
          {problems.length > 0 && (
            <ul aria-label="Problems in the catalog" className="list-disc space-y-0.5 pl-5">
              {problems.map(([field, messages]) => (
                <li key={field}>
                  <code className="font-mono">{field === "catalog" || field === "input" ? "JSON" : field}</code> {messages.join("; ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save catalog"}
      </Button>
    </form>
  );
}
