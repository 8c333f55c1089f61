import { config } from "@/lib/config";

/**
 * Where a post-sign-in redirect may go: a path on this site, never another origin.
 *
 * The target is parsed as a URL against the site's own origin (AUTH_URL), as a browser would, and
 * kept only when it lands on that origin; what is returned is its path, query and fragment, as the
 * URL parser serialised them (so nothing raw reaches a Location header). Refused before parsing,
 * because browsers and servers read them differently from the parser or from each other:
 * - control characters: browsers drop tab, CR and LF, so `/\t/evil.example` becomes `//evil.example`,
 *   and a newline in a Location header breaks the response;
 * - backslashes, which browsers read as slashes (`/\evil.example`);
 * - encoded forms that decode to any of these or to `//` (`/%2f%2fevil.example`), which a proxy or
 *   framework that decodes once more would turn into another origin;
 * - overlong input: no path of this site needs more than MAX_CALLBACK_LENGTH characters.
 */
export const MAX_CALLBACK_LENGTH = 2048;

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;
/** Enough rounds for double and triple encoding; a value still changing after them is refused. */
const DECODE_ROUNDS = 4;

/** The path (with query and fragment) of `value` when it stays on `origin`; null when it does not, or looks like it might not. */
export function sameOriginPath(value: unknown, origin: string = config().publicUrl): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_CALLBACK_LENGTH) return null;
  // A path from the root, or a whole URL: a relative `audit` would depend on the page it is read on.
  if (!value.startsWith("/") && !HAS_SCHEME.test(value)) return null;
  if (!decodesSafely(value)) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  // `/.//evil.example` is same-origin as parsed, and serialises to `//evil.example`: another origin.
  if (url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * A post-sign-in destination: a path on this site (sameOriginPath), and not the sign-in page
 * itself, which would only send the person round again. Anything else is the dashboard.
 */
export function safeCallbackUrl(value: unknown, origin?: string): string {
  const path = sameOriginPath(value, origin);
  if (!path || isSignInPage(path)) return "/";
  return path;
}

/** No round of percent-decoding gives a control character, a backslash or a leading `//`. */
function decodesSafely(value: string) {
  let current = value;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (UNSAFE_CHARACTERS.test(current) || current.startsWith("//")) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return true; // A `%` that is no escape: nothing decodes further, and what is here was checked.
    }
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

/** `/signin`, `/signin/`, `/signin/check-email`, and their encoded spellings (`/%73ignin`). */
function isSignInPage(path: string) {
  let pathname = path.split(/[?#]/, 1)[0]!;
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    // Not an escape: the path is as written.
  }
  pathname = pathname.replace(/\/+$/, "");
  return pathname === "/signin" || pathname.startsWith("/signin/");
}
