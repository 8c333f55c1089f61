/**
 * A coarse redirect only: an anonymous visitor of a page goes to sign-in and comes back after it.
 * It looks at whether a session cookie exists, nothing more; every page and action checks the
 * session for real on the server (a proxy can be bypassed, CVE-2025-29927).
 */
import { type NextRequest, NextResponse } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PUBLIC_PATHS = ["/signin", "/dev/mailbox"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name.startsWith(name)));
  if (!isPublic && !hasSession) {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  // Pages read this to send a visitor whose session ended back here after signing in again.
  const forwarded = new Headers(request.headers);
  forwarded.set("x-elevate-path", `${pathname}${search}`);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  // API routes answer 401 in JSON rather than redirecting; static files need no session.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|robots.txt|screenshots/).*)"],
};
