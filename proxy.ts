/**
 * Every page's security headers, and a coarse redirect: an anonymous visitor of a page goes to
 * sign-in and comes back after it.
 *
 * The redirect looks at whether a session cookie exists, nothing more; every page and action
 * checks the session for real on the server (a proxy can be bypassed, CVE-2025-29927).
 * The Content-Security-Policy carries a nonce made here for this request; Next reads it from the
 * forwarded request's policy and stamps it on the page's scripts (lib/server/http/content-security-policy.ts).
 */
import { type NextRequest, NextResponse } from "next/server";
import { newNonce, originOf, pageContentSecurityPolicy } from "@/lib/server/http/content-security-policy";
import { COMMON_SECURITY_HEADERS, transportSecurityHeaders } from "@/lib/server/http/security-headers.mjs";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PUBLIC_PATHS = ["/signin", "/dev/mailbox"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const policy = pageContentSecurityPolicy({
    nonce: newNonce(),
    development: process.env.NODE_ENV === "development",
    https: process.env.AUTH_URL?.startsWith("https://") ?? false,
    formTargets: [originOf(process.env.AUTH_MICROSOFT_ENTRA_ID_ISSUER)].filter((origin) => origin !== undefined),
  });
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name.startsWith(name)));
  if (!isPublic && !hasSession) {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(signIn), policy);
  }
  const forwarded = new Headers(request.headers);
  // Pages read this to send a visitor whose session ended back here after signing in again.
  forwarded.set("x-elevate-path", `${pathname}${search}`);
  // Where Next finds this request's nonce while it renders.
  forwarded.set("content-security-policy", policy);
  return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }), policy);
}

function withSecurityHeaders(response: NextResponse, policy: string) {
  response.headers.set("content-security-policy", policy);
  const headers = { ...COMMON_SECURITY_HEADERS, ...transportSecurityHeaders(process.env.AUTH_URL) };
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // API routes answer 401 in JSON rather than redirecting, and have their own headers
  // (next.config.js, lib/server/api/node-handler.ts); static files need no session.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt|screenshots/).*)"],
};
