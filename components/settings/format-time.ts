/** "2025-01-31 14:05 UTC": settings lists speak UTC, like the audit log they are checked against. */
export function formatUtcMinute(iso: string | null) {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : null;
}
