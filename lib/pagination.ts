/**
 * Keyset pagination: the contract's `?limit=` (default 50, at most 500) and `?cursor=`, in one place.
 *
 * A cursor is opaque to callers but not secret: base64url of the JSON of the last row's sort key.
 * It is not signed; it is parsed strictly instead: exactly the keys a list gives out, each value
 * against what that list writes there (a uuid, a safe whole number, a time Postgres stores, short
 * storable text). So any cursor that decodes at all holds values safe to put in a query, and a
 * forged one can only start a page somewhere else in the same list, which filters by the caller's
 * organisation and rights on every call anyway: a cursor is a position, not a capability. Signing
 * would add a server secret to keep and rotate (cursors dying with it, and differing between
 * instances that disagree on it) and protect nothing more.
 */
import { z } from "zod";
import { DomainError } from "./errors";
import { isoDateTime, storable } from "./validation";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/** Far longer than any cursor a list gives out (those are well under 200 characters). */
const MAX_CURSOR_LENGTH = 1000;

/** How many items a page holds, for domain inputs (the API's query strings are read in lib/server/api). */
export const pageLimit = z
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`);

/** A cursor as a caller hands it back: opaque text, checked by `decodeCursor` against its list's key. */
export const pageCursor = z.string().max(MAX_CURSOR_LENGTH, "is not a cursor this API gave out");

/** The values a cursor key may hold. */
export const cursorValue = {
  /** A time as `toISOString` writes it, within what Postgres stores: a Date. */
  time: isoDateTime.transform((text) => new Date(text)),
  /**
   * A time to the microsecond, as Postgres stores a column defaulting to now(): kept as text and
   * compared in SQL, since a Date would round it to the millisecond and a page would then skip the
   * rows created later in the same millisecond as its last one.
   */
  instant: isoDateTime,
  /** A row's uuid. */
  id: z.guid(),
  /** A sequence number: a safe whole number, never negative. */
  seq: z.int().min(0),
  /** A name or an email the list is ordered by: text Postgres can store and compare. */
  text: z
    .string()
    .max(MAX_CURSOR_LENGTH)
    .refine(storable),
};

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The key a cursor holds, exactly of this shape; `invalid:cursor` for anything else. */
export function decodeCursor<Shape extends z.ZodRawShape>(cursor: string, shape: Shape): z.output<z.ZodObject<Shape>> {
  const refused = () => new DomainError("invalid:cursor", "The cursor is not one this API gave out.", { cursor: ["is not valid"] });
  // Buffer.from skips what is not base64url rather than failing: refuse it first.
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw refused();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  const parsed = z.strictObject(shape).safeParse(json);
  if (!parsed.success) throw refused();
  return parsed.data;
}

/**
 * One page of a list read whole (approver groups, scopes), ordered by a unique key in code-point
 * order, with the contract's `nextCursor`: the key of the page's last item, so a page holds
 * whatever was added before it.
 */
export function pageOf<T>(all: T[], { limit = DEFAULT_PAGE_SIZE, cursor }: { limit?: number; cursor?: string }, keyOf: (item: T) => string) {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, { after: cursorValue.text }).after;
  const sorted = [...all].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > after);
  const items = rest.slice(0, limit);
  return { items, nextCursor: rest.length > limit ? encodeCursor({ after: keyOf(items.at(-1)!) }) : null };
}
