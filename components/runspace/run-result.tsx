"use client";

import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Flat = string | number | boolean | null;
type FlatRow = Record<string, Flat | Flat[]>;

/** Rows a table shows well: objects whose values are plain values or short lists of them. */
function asFlatRows(result: unknown): FlatRow[] | null {
  if (!Array.isArray(result) || result.length === 0) return null;
  const isFlat = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);
  const rows = result.every(
    (row) =>
      row !== null &&
      typeof row === "object" &&
      !Array.isArray(row) &&
      Object.values(row).every((value) => isFlat(value) || (Array.isArray(value) && value.every(isFlat))),
  );
  return rows ? (result as FlatRow[]) : null;
}

function cell(value: Flat | Flat[] | undefined) {
  if (value === undefined || value === null) return <span className="text-slate-500">—</span>;
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** A task's output: a table when it is a list of records, always the JSON it returned. */
export function RunResult({ task, result }: { task: string; result: unknown }) {
  const rows = asFlatRows(result);
  const json = JSON.stringify(result, null, 2) ?? "null";
  const columns = rows ? [...new Set(rows.flatMap((row) => Object.keys(row)))] : [];
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      toast.success("Result copied as JSON");
    } catch {
      toast.error("The browser did not allow copying: select the JSON instead.");
    }
  };
  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => void copy()}>
          Copy JSON
        </Button>
      </div>
      {Array.isArray(result) && result.length === 0 && <p className="text-sm text-slate-700">{task} returned no objects.</p>}
      {rows && (
        <ScrollRegion label="Output table" className="rounded-md ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">
              {task}: {rows.length} {rows.length === 1 ? "object" : "objects"}
            </caption>
            <thead className="bg-slate-50">
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col" className="whitespace-nowrap px-3 py-2 font-medium text-slate-700">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {rows.map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column} className="max-w-xs truncate whitespace-nowrap px-3 py-2 text-slate-800" title={String(row[column] ?? "")}>
                      {cell(row[column])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <details open={!rows} className="rounded-md ring-1 ring-slate-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">JSON</summary>
        <pre className="max-h-96 overflow-auto border-t border-slate-200 bg-slate-950 p-3 text-xs leading-relaxed text-slate-100" tabIndex={0} aria-label={`${task} result as JSON`}>
          {json}
        </pre>
      </details>
    </div>
  );
}
