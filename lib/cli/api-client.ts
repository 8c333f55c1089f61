import { CliError } from "./cli-error";

/** One page of an API v1 list, as the contract gives every list. */
export type Page<T> = { items: T[]; nextCursor: string | null };

type Query = Record<string, string | number | boolean | undefined>;

export interface ApiConnection {
  url: string;
  token: string;
}

/** Calls API v1; a refusal becomes a CliError carrying the API's own message (exit code 1). */
export async function callApi<T = unknown>(
  connection: ApiConnection,
  method: string,
  path: string,
  { body, query }: { body?: unknown; query?: Query } = {},
): Promise<T> {
  const url = new URL(`${connection.url.replace(/\/+$/, "")}/api/v1${path}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${connection.token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        "user-agent": "elevate-cli",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(`Cannot reach Elevate at ${connection.url}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as { error?: { code: string; message: string; fields?: Record<string, string[]> } } | null;
    const error = payload?.error;
    if (!error) throw new CliError(`Elevate answered ${response.status}.`);
    const fields = Object.entries(error.fields ?? {}).map(([field, messages]) => `  ${field}: ${messages.join("; ")}`);
    throw new CliError([`${error.message} (${error.code})`, ...fields].join("\n"));
  }
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

/** Every item of a list, page after page (a page holds at most 500). */
export async function everyItem<T>(connection: ApiConnection, path: string, query: Query = {}): Promise<Page<T>> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await callApi<Page<T>>(connection, "GET", path, { query: { ...query, limit: 500, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, nextCursor: null };
}
