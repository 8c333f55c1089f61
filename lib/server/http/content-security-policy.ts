/**
 * The Content-Security-Policy of a page, enforced, with a fresh nonce per request (Next reads it
 * from the request's policy and puts it on its own scripts: the page must render per request).
 *
 * - Scripts: only those carrying the nonce, and what they load ('strict-dynamic'); no inline
 *   handlers, no injected <script>. `next dev` also needs 'unsafe-eval' (React rebuilds server
 *   error stacks in the browser with eval); production never gets it.
 * - Styles: 'self' and 'unsafe-inline', not nonces. React `style` attributes (charts, toasts, our
 *   own widths) cannot carry a nonce, and the toaster injects its <style> element at run time; a
 *   nonce in style-src would also switch 'unsafe-inline' off. Injected CSS can restyle a page but
 *   not run code, and scripts are what the nonce locks.
 * - Nothing else from other origins; no plugins; no <base>; no framing; forms post to Elevate, or
 *   to the Entra sign-in page a no-JavaScript sign-in form is redirected to.
 */
export interface PagePolicyOptions {
  nonce: string;
  development: boolean;
  https: boolean;
  /** Origins a form's POST may be redirected to (the Entra authority). */
  formTargets?: string[];
}

export function pageContentSecurityPolicy({ nonce, development, https, formTargets = [] }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The origin of a URL, or nothing for a missing or malformed one. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}
