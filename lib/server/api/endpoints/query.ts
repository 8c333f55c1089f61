import { z } from "zod";
import { decodeCursor, encodeCursor } from "@/lib/pagination";

/** The query string as an object without a prototype: `?constructor=1` names a parameter like any other. */
export function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = Object.create(null);
  for (const [name, value] of url.searchParams) query[name] = value;
  return query;
}

/** For endpoints that take no query parameters. */
export const noQuery = z.strictObject({});

/** Query strings are text: these turn them into the domain's types, refusing anything else. */
export const queryBoolean = z.stringbool({ truthy: ["true", "1"], falsy: ["false", "0"] });
export const queryLimit = z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1).max(500);

/** The contract's list parameters, for lists small enough to read whole (groups, scopes). */
export const listPageQuery = z.strictObject({ limit: queryLimit.optional(), cursor: z.string().optional() });

/**
 * One page of a list read whole, ordered by a unique key (code-point order), with the contract's
 * `nextCursor`: the key of the page's last item, so a page holds whatever was added before it.
 */
export function pageOf<T>(all: T[], { limit = 50, cursor }: z.infer<typeof listPageQuery>, keyOf: (item: T) => string) {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, z.strictObject({ after: z.string().max(1000) })).after;
  const sorted = [...all].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > after);
  const items = rest.slice(0, limit);
  return { items, nextCursor: rest.length > limit ? encodeCursor({ after: keyOf(items.at(-1)!) }) : null };
}
