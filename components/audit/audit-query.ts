/**
 * The audit view's filters live in the URL, so a filtered view can be shared and the export link
 * carries them. This turns the query string into the domain's filters (and back) for the page,
 * the load-more action and the export route alike. It decides no rule: `searchAudit` validates.
 */

export const AUDIT_FILTER_KEYS = ["action", "actor", "targetId", "since", "until", "q"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditFilters = Partial<Record<AuditFilterKey, string>>;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** The audit actions, for the filter's list (any other can come in by URL): one list, in lib/audit. */
export { AUDIT_ACTION_NAMES as KNOWN_AUDIT_ACTIONS } from "@/lib/audit/audit-action-names";

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/**
 * A time with no zone ("2025-01-31T14:05", what the filter form sends before its script runs) is
 * read as UTC, the zone the form is labelled with until then; once hydrated the form sends full ISO
 * times from the reader's own zone, which pass as they are (as from the API or a shared link).
 */
export function toIsoUtc(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return `${value}Z`;
  return value;
}

/** The value a `datetime-local` field shows for an ISO time, in UTC (the form moves it to the reader's zone); the raw text when unreadable. */
export function toLocalInput(value: string): string {
  const time = new Date(toIsoUtc(value));
  return Number.isNaN(time.getTime()) ? value : time.toISOString().slice(0, 16);
}

export interface AuditQuery {
  /** For `searchAudit` and `exportAudit`: times as ISO 8601. */
  filters: AuditFilters;
  /** For the filter form: times as `datetime-local` values. */
  form: AuditFilters;
  limit: number;
}

export function parseAuditQuery(params: Params): AuditQuery {
  const filters: AuditFilters = {};
  const form: AuditFilters = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = read(params, key);
    if (!value) continue;
    const isTime = key === "since" || key === "until";
    filters[key] = isTime ? toIsoUtc(value) : value;
    form[key] = isTime ? toLocalInput(value) : value;
  }
  const limit = Number(read(params, "limit"));
  return { filters, form, limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE };
}

/** The query string of a view: only what is set, so shared links stay short. */
export function auditQueryString(filters: AuditFilters, extra: Record<string, string | number | undefined> = {}) {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
