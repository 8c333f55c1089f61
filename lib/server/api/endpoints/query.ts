import { z } from "zod";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageCursor, pageLimit } from "@/lib/pagination";

/**
 * The query string as an object without a prototype: `?constructor=1` names a parameter like any
 * other. An empty value of a parameter the endpoint has is the parameter left out, as the contract
 * spells its templates (`?mine=true&status=`) and as forms send unfilled fields; a name it does not
 * have is kept, empty or not, to be refused.
 */
export function queryObject(url: URL, schema: z.ZodType): Record<string, string> {
  const known = schema instanceof z.ZodObject ? schema.shape : {};
  const query: Record<string, string> = Object.create(null);
  for (const [name, value] of url.searchParams) {
    if (value === "" && Object.hasOwn(known, name)) continue;
    query[name] = value;
  }
  return query;
}

/** For endpoints that take no query parameters. */
export const noQuery = z.strictObject({});

/** Query strings are text: these turn them into the domain's types, refusing anything else. */
export const queryBoolean = z
  .stringbool({ truthy: ["true", "1"], falsy: ["false", "0"] })
  .meta({ type: "string", enum: ["true", "false", "1", "0"] });

/**
 * `?limit=`: decimal digits only (no `0x10`, `1e2`, ` 5` or `-0`, which a bare Number() reads), then
 * the page size the lists take. Documented as the integer it is.
 */
export const queryLimit = z
  .string()
  .regex(/^[0-9]{1,6}$/, "must be a whole number")
  .transform(Number)
  .pipe(pageLimit)
  .meta({ type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, pattern: undefined });

/** `?cursor=`: a list's `nextCursor`, handed back as it was given. */
export const queryCursor = pageCursor;

/** The contract's list parameters, for lists small enough to read whole (groups, scopes). */
export const listPageQuery = z.strictObject({ limit: queryLimit.optional(), cursor: queryCursor.optional() });
