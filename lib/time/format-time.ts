/**
 * How Elevate writes a time, everywhere it shows one: in the reader's locale and time zone, with
 * the zone named on absolute times ("1 Dec 2026, 07:21 UTC") and relative times in one compact
 * English style ("in 3 h 49 min", "12 min ago"). Built on Intl alone: the platform already knows
 * every locale and zone, so no date library is needed.
 *
 * Pure functions of an explicit locale and zone, so they read the same in tests, on the server and
 * in the browser. The browser's own locale and zone are supplied by components/time/local-time.tsx.
 */

export interface TimeContext {
  /** A BCP 47 locale ("en-GB"); undefined means the runtime's own (the browser's, in a browser). */
  locale?: string;
  /** An IANA zone ("Europe/London"); undefined means the runtime's own. */
  timeZone?: string;
}

/**
 * What the server writes before the browser has said where it is: UTC, named as such, in a
 * day-month-year order nobody misreads. The browser replaces it with its own once hydrated.
 */
export const SERVER_TIME: Required<TimeContext> = { locale: "en-GB", timeZone: "UTC" };

type Instant = Date | string | number;

const toDate = (value: Instant) => (value instanceof Date ? value : new Date(value));

// Intl formatters are costly to build and a list shows hundreds of times: keep one per shape.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(context: TimeContext, options: Intl.DateTimeFormatOptions) {
  const key = JSON.stringify([context.locale ?? "", context.timeZone ?? "", options]);
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(context.locale, { ...options, timeZone: context.timeZone });
    formatters.set(key, found);
  }
  return found;
}

const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };

/**
 * Hours and minutes as the locale writes them: "07:21" on a 24-hour clock, "7:21 AM" on a 12-hour
 * one. Asked for a "numeric" hour with seconds, Intl drops the 24-hour clock's leading zero
 * ("7:21:09"), so a 24-hour locale asks for two digits.
 */
function time(context: TimeContext, seconds: boolean): Intl.DateTimeFormatOptions {
  const cycle = formatter(context, { hour: "numeric" }).resolvedOptions().hourCycle;
  const hour = cycle === "h23" || cycle === "h24" ? "2-digit" : "numeric";
  return { hour, minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}) };
}

/** "1 Dec 2026, 07:21 UTC" (en-GB), "Dec 1, 2026, 2:21 AM EST" (en-US in New York). */
export function formatDateTime(value: Instant, context: TimeContext = {}, { seconds = false }: { seconds?: boolean } = {}) {
  return formatter(context, { ...DATE, ...time(context, seconds), timeZoneName: "short" }).format(toDate(value));
}

/**
 * "1 Dec 2026, 09:00 – 13:00 UTC": a window, the day written once when it starts and ends on the
 * same day in the reader's zone.
 */
export function formatWindow(startsAt: Instant, endsAt: Instant, context: TimeContext = {}) {
  return formatter(context, { ...DATE, ...time(context, false), timeZoneName: "short" }).formatRange(toDate(startsAt), toDate(endsAt));
}

/** "15:00 UTC" when it falls on the same day as `after`, "2 Dec 2026, 01:00 UTC" otherwise. */
export function formatEnd(value: Instant, after: Instant | null, context: TimeContext = {}) {
  return after !== null && formatDate(after, context) === formatDate(value, context) ? formatTimeOfDay(value, context) : formatDateTime(value, context);
}

/** "1 Dec 2026": a day, in the reader's zone. */
export function formatDate(value: Instant, context: TimeContext = {}) {
  return formatter(context, DATE).format(toDate(value));
}

/** "07:21 UTC": a time of day, for a moment just past (a run a minute ago). */
export function formatTimeOfDay(value: Instant, context: TimeContext = {}) {
  return formatter(context, { ...time(context, false), timeZoneName: "short" }).format(toDate(value));
}

/** A calendar day written as "2026-12-01" (a UTC bucket, not an instant): "1 Dec" in the reader's locale. */
export function formatDay(day: string, context: Pick<TimeContext, "locale"> = {}) {
  return formatter({ locale: context.locale, timeZone: "UTC" }, { day: "numeric", month: "short" }).format(new Date(`${day}T00:00:00Z`));
}

/** The zone's short name at that moment: "UTC", "GMT", "BST", "EST", "GMT-5". */
export function zoneName(context: TimeContext = {}, at: Instant = Date.now()) {
  const part = formatter(context, { hour: "numeric", timeZoneName: "short" })
    .formatToParts(toDate(at))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? context.timeZone ?? "UTC";
}

/** The zone a reader is in, by its IANA name ("Europe/London"). */
export function zoneId(context: TimeContext = {}) {
  return formatter(context, {}).resolvedOptions().timeZone;
}

/**
 * "in 3 h 49 min", "12 min ago", "in 2 d 4 h", "in 45 s", "now": the distance from `now`, in at
 * most two units, rounded down (a countdown never claims more time than is left).
 */
export function formatRelative(value: Instant, now: Instant) {
  const ms = toDate(value).getTime() - toDate(now).getTime();
  const seconds = Math.floor(Math.abs(ms) / 1000);
  if (seconds === 0) return "now";
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const span =
    days >= 1
      ? join(`${days} d`, hours % 24, "h")
      : hours >= 1
        ? join(`${hours} h`, minutes % 60, "min")
        : minutes >= 1
          ? `${minutes} min`
          : `${seconds} s`;
  return ms > 0 ? `in ${span}` : `${span} ago`;
}

const join = (first: string, rest: number, unit: string) => (rest ? `${first} ${rest} ${unit}` : first);

// ---- datetime-local fields: the wall-clock text they hold, in a given zone ----

function wallParts(date: Date, timeZone: string | undefined) {
  const parts = formatter(
    { locale: "en-US", timeZone },
    { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
  ).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string | undefined) {
  const wall = wallParts(new Date(ms), timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The value a `datetime-local` field shows for an instant in a zone: "2026-12-01T07:21". */
export function toDateTimeLocal(value: Instant, timeZone?: string) {
  const wall = wallParts(toDate(value), timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * The instant a `datetime-local` field's text means in a zone, as ISO 8601 UTC; null when the text
 * is not such a value. A time the clocks skip (a spring-forward gap) moves on by the gap; a time
 * they pass twice (autumn) is the first of the two.
 */
export function fromDateTimeLocal(text: string, timeZone?: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls "2026-13-45" over into another day: such text names no time at all.
  if (new Date(wall).toISOString().slice(0, 16) !== `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`) return null;
  // The zone's offset a day either side: the two differ only when the clocks change in between.
  const offsets = [offsetAt(wall - 86_400_000, timeZone), offsetAt(wall + 86_400_000, timeZone)];
  const exact = offsets.map((offset) => wall - offset).filter((ms) => wallClockMs(ms, timeZone) === wall);
  return new Date(exact.length ? Math.min(...exact) : wall - offsets[0]!).toISOString().replace(".000Z", "Z");
}

function wallClockMs(ms: number, timeZone: string | undefined) {
  const wall = wallParts(new Date(ms), timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}
