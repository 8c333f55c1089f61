import Table from "cli-table3";

export type Column<Row> = [header: string, value: (row: Row) => unknown];

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(cell).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A readable table by default; the API's JSON as it came with --json. */
export function printRows<Row>(rows: Row[], columns: Column<Row>[], json: boolean | undefined, raw: unknown = rows) {
  if (json) {
    console.log(JSON.stringify(raw, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log("(none)");
    return;
  }
  const table = new Table({ head: columns.map(([header]) => header), style: { head: [], border: [] } });
  for (const row of rows) table.push(columns.map(([, value]) => cell(value(row))));
  console.log(table.toString());
}

/** One object as "field: value" lines, or JSON. */
export function printObject(object: Record<string, unknown>, json: boolean | undefined) {
  if (json) {
    console.log(JSON.stringify(object, null, 2));
    return;
  }
  const width = Math.max(...Object.keys(object).map((key) => key.length));
  for (const [key, value] of Object.entries(object)) console.log(`${key.padEnd(width)}  ${cell(value)}`);
}
