// The security headers every response carries. Plain JavaScript because next.config.js reads it
// (static headers for everything Next serves) as well as the TypeScript of the proxy (pages) and of
// the production server's own API handler (API v1 bypasses Next there).

/**
 * For every response: no MIME sniffing, no framing (approve and deny screens must not be
 * clickjacked), no URL sent to another site (they hold request ids and invitation emails; a
 * same-origin POST keeps its Origin, which server actions check), no powerful browser features.
 */
export const COMMON_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), display-capture=(), browsing-topics=()",
};

/** For what is not a page (JSON, files): nothing in it may load, run or be framed. */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * HSTS only where Elevate is served over https (AUTH_URL), decided at run time: a build must not
 * bake it in. A year, without includeSubDomains: Elevate may live on a host whose siblings it
 * does not own, and HSTS cannot be taken back before it expires.
 * @param {string | undefined} publicUrl
 * @returns {Record<string, string>}
 */
export function transportSecurityHeaders(publicUrl) {
  return publicUrl?.startsWith("https://") ? { "Strict-Transport-Security": "max-age=31536000" } : {};
}

/** As next.config.js `headers()` takes them. */
export function asHeaderList(/** @type {Record<string, string>} */ headers) {
  return Object.entries(headers).map(([key, value]) => ({ key, value }));
}
