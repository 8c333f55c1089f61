"use client";

import { useId, useState, useTransition } from "react";
import { importMembersAction } from "@/app/(app)/members/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toasts";
import type { FieldErrors } from "@/lib/errors";
import type { ImportResult, ImportRow } from "@/lib/members/import-members";

const MAX_BYTES = 1024 * 1024;
const EXAMPLE = `email,name,roles,roleGroups,guest
alex@contoso.com,Alex Wilber,,Recipient Management,
isaiah@contoso.com,Isaiah Langer,auditor,,
johanna@fabrikam.com,Johanna Lorenz,,,true`;

const STATUS: Record<ImportRow["status"], { label: string; tone: "green" | "neutral" | "red" }> = {
  add: { label: "Will be added", tone: "green" },
  added: { label: "Added", tone: "green" },
  existing: { label: "Already a member: left as is", tone: "neutral" },
  invalid: { label: "Problem", tone: "red" },
};

/**
 * CSV import in two steps: a preview that writes nothing and shows each row's problems and whether
 * it would be added, then the import, which adds every row or none. The file is read in the browser
 * and sent as text; the server parses and checks it.
 */
export function ImportMembers({ onDone }: { onDone: () => void }) {
  const id = useId();
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [pending, startTransition] = useTransition();

  const edit = (text: string) => {
    setCsv(text);
    setPreview(null); // a preview of other text would be a lie
    setErrors(null);
  };

  async function chooseFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setPreview(null);
      setErrors({ csv: ["The file is larger than 1 MiB: split it and import the parts one after another."] });
      return;
    }
    edit(await file.text());
  }

  function run(dryRun: boolean) {
    startTransition(async () => {
      const result = await importMembersAction({ csv, dryRun });
      if (result.ok) {
        setErrors(null);
        if (dryRun) setPreview(result.data);
        else {
          toast.success(`${result.data.added} member${result.data.added === 1 ? "" : "s"} imported and invited`);
          setCsv("");
          setPreview(null);
          onDone();
        }
      } else if (result.errors) {
        setPreview(null);
        setErrors(result.errors);
      } else {
        toast.error(result.message);
      }
    });
  }

  const problems = Object.entries(errors ?? {});
  const canImport = preview !== null && preview.invalid === 0 && preview.added > 0;
  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={`${id}-csv`} className="block text-sm font-medium text-slate-800">
          CSV
        </label>
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          A header row <code>email,name,roles,roleGroups,guest</code>, then one person a row. Separate several roles or role groups
          with <code>;</code>. Roles: global_admin, role_management, auditor. Guest: true or false. At most 5,000 people and 1 MiB.
        </p>
        <textarea
          id={`${id}-csv`}
          rows={6}
          value={csv}
          onChange={(event) => edit(event.target.value)}
          placeholder={EXAMPLE}
          spellCheck={false}
          aria-describedby={`${id}-hint ${id}-error`}
          aria-invalid={problems.length ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm aria-[invalid=true]:border-red-600"
        />
        <div id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
          {problems.length > 0 && (
            <ul className="space-y-0.5">
              {problems.map(([field, messages]) => (
                <li key={field}>
                  {field === "csv" || field === "input" ? "" : `${field}: `}
                  {messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          Or choose a CSV file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(event) => chooseFile(event.target.files?.[0])}
          className="mt-1 block w-full max-w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={pending || csv.trim() === ""} onClick={() => run(true)}>
          {pending && !preview ? "Checking…" : "Preview"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {preview && <ImportPreview preview={preview} />}
      {preview && (
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={!canImport || pending} onClick={() => run(false)}>
            {pending ? "Importing…" : `Import ${preview.added} member${preview.added === 1 ? "" : "s"}`}
          </Button>
          {preview.invalid > 0 && (
            <p className="text-sm text-slate-700">Fix the rows with problems first: the import adds every row or none.</p>
          )}
        </div>
      )}
    </div>
  );
}

function ImportPreview({ preview }: { preview: ImportResult }) {
  return (
    <div className="space-y-2">
      <p role="status" className="text-sm text-slate-800">
        {preview.added} to add, {preview.existing} already member{preview.existing === 1 ? "" : "s"}, {preview.invalid} with problems.
      </p>
      <div role="region" aria-label="Import preview" tabIndex={0} className="relative max-h-96 overflow-auto rounded-md border border-slate-200 bg-white">
        <table className="w-full min-w-[48rem] text-left text-sm">
          <caption className="sr-only">Each row of the file and what importing it does</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Row</th>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Roles</th>
              <th scope="col" className="px-3 py-2">Role groups</th>
              <th scope="col" className="px-3 py-2">Guest</th>
              <th scope="col" className="px-3 py-2">Result</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.row} className="border-t border-slate-200 align-top" aria-label={`Row ${row.row}`}>
                <th scope="row" className="px-3 py-2 font-normal text-slate-700">{row.row}</th>
                <td className="break-all px-3 py-2">{row.email}</td>
                <td className="px-3 py-2">{row.name}</td>
                <td className="px-3 py-2">{row.roles.join(", ")}</td>
                <td className="px-3 py-2">{row.roleGroups.join(", ")}</td>
                <td className="px-3 py-2">{row.guest ? "Yes" : "No"}</td>
                <td className="px-3 py-2">
                  <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
                  {Object.entries(row.errors).map(([field, messages]) => (
                    <p key={field} className="mt-1 text-xs text-red-700">
                      {field}: {messages.join("; ")}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
