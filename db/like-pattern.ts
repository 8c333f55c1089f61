/**
 * A LIKE/ILIKE pattern that finds `text` anywhere, with `%`, `_` and `\` in it matched as
 * themselves: a search box is text, never a pattern (Postgres's default escape is the backslash).
 */
export function containingPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
