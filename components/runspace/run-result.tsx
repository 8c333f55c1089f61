"use client";

import { Button } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { toast } from "@/components/ui/toasts";
import type { ParametersSchema } from "@/lib/runspace/describe-tasks";
import { type Cell, presentResult } from "@/lib/runspace/present-result";

function CellText({ value }: { value: Cell }) {
  if (value === null) {
    return (
      <>
        <span aria-hidden="true" className="text-slate-500">
          —
        </span>
        <span className="sr-only">empty</span>
      </>
    );
  }
  return <>{value}</>;
}

/**
 * A task's output as PowerShell formats it: a table for several objects, a list of properties for
 * one, a sentence when it returns nothing. The JSON it returned is one click away, and copyable.
 */
export function RunResult({
  task,
  result,
  parameters,
  schema,
}: {
  task: string;
  result: unknown;
  parameters: Record<string, unknown>;
  schema: ParametersSchema;
}) {
  const view = presentResult({ task, result, parameters, schema });
  const json = JSON.stringify(result ?? null, null, 2);
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
      {view.kind === "empty" && (
        <p className="text-sm font-medium text-slate-900" data-testid="run-summary">
          {view.message}
        </p>
      )}
      {view.kind === "value" && <p className="text-sm text-slate-900 wrap-anywhere">{view.text}</p>}
      {view.kind === "record" && (
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 rounded-md p-3 text-sm ring-1 ring-slate-200 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
          {view.entries.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="font-medium text-slate-700 wrap-anywhere">{name}</dt>
              <dd className="text-slate-900 wrap-anywhere">
                <CellText value={value} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {view.kind === "table" && (
        <ScrollRegion label="Output table" className="rounded-md ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">
              {task}: {view.rows.length} {view.rows.length === 1 ? "object" : "objects"}
            </caption>
            <thead className="bg-slate-50">
              <tr>
                {view.columns.map((column) => (
                  <th key={column} scope="col" className="whitespace-nowrap px-3 py-2 font-medium text-slate-700">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {view.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((value, column) => (
                    <td key={view.columns[column]} className="max-w-xs truncate whitespace-nowrap px-3 py-2 text-slate-800" title={value ?? ""}>
                      <CellText value={value} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {view.kind !== "empty" && (
        <details className="rounded-md ring-1 ring-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">The output as JSON</summary>
          <div className="border-t border-slate-200 p-2">
            <div className="mb-2 flex justify-end">
              <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => void copy()}>
                Copy JSON
              </Button>
            </div>
            <pre
              className="max-h-96 overflow-auto rounded bg-slate-950 p-3 text-xs leading-relaxed text-slate-100"
              tabIndex={0}
              aria-label={`${task} result as JSON`}
            >
              {json}
            </pre>
          </div>
        </details>
      )}
    </div>
  );
}
