import { describe, expect, it } from "vitest";
import { MAX_CALLBACK_LENGTH, safeCallbackUrl, sameOriginPath } from "./safe-callback-url";

const ORIGIN = "https://elevate.contoso.com";

describe("a post-sign-in destination", () => {
  it.each([
    ["/", "/"],
    ["/audit", "/audit"],
    ["/audit?action=request.approved", "/audit?action=request.approved"],
    ["/requests/8d1c?tab=history#decisions", "/requests/8d1c?tab=history#decisions"],
    ["/audit?q=a%2Fb", "/audit?q=a%2Fb"],
    ["/members?q=100%", "/members?q=100%"],
    // Written as a browser would send it: the parser's own serialisation comes back.
    ["/a b", "/a%20b"],
    ["/caf\u00e9", "/caf%C3%A9"],
    ["/policies/../audit", "/audit"],
    // This site, written out in full, is this site.
    [`${ORIGIN}/inbox?x=1`, "/inbox?x=1"],
  ])("keeps a path on this site: %j", (value, expected) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe(expected);
  });

  it.each([
    // Another origin, outright or protocol-relative.
    "https://evil.example/",
    "http://elevate.contoso.com/", // same host, another scheme: another origin
    "https://elevate.contoso.com.evil.example/",
    "https://elevate.contoso.com@evil.example/",
    "//evil.example/",
    "///evil.example/",
    "////evil.example",
    // Control characters: browsers drop tab, CR and LF and read what is left; a newline breaks the Location header.
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "/\r\nSet-Cookie: a=b",
    "/\u0000/evil.example",
    "/audit\u007f",
    "\t//evil.example",
    " //evil.example",
    // Backslashes, which browsers read as slashes.
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/audit\\..\\..\\",
    // Encoded forms of all of the above, once and twice.
    "/%2f%2fevil.example",
    "/%2F/evil.example",
    "%2f%2fevil.example",
    "/%5cevil.example",
    "/%5Cevil.example",
    "/%09/evil.example/",
    "/%0a/evil.example/",
    "/%0d%0aSet-Cookie:%20a=b",
    "/%252f%252fevil.example",
    "/%25252f%25252fevil.example",
    "/%255cevil.example",
    "/audit?q=%0a",
    // Dot segments that leave `//` behind once resolved.
    "/.//evil.example",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/a/../..//evil.example",
    // Schemes.
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:someone@evil.example",
    "file:///etc/passwd",
    // Not a path at all.
    "",
    "audit",
    "evil.example",
    "?callbackUrl=//evil.example",
    // Sign-in itself: it would only send the person round again.
    "/signin",
    "/signin/",
    "/signin?callbackUrl=%2Faudit",
    "/signin/check-email",
    "/%73ignin",
    // Overlong.
    `/${"a".repeat(MAX_CALLBACK_LENGTH)}`,
    `/audit?q=${"a".repeat(10_000)}`,
  ])("refuses %j: the dashboard instead", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe("/");
  });

  it.each([undefined, null, 42, ["/audit"], { toString: () => "/audit" }])("refuses what is not a string: %j", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe("/");
  });

  it("never returns anything that leaves the origin once a browser reads it", () => {
    const hostile = ["/\t/evil.example/", "/%09/evil.example/", "/.//evil.example", "//evil.example", "/\\evil.example"];
    for (const value of hostile) {
      const target = new URL(safeCallbackUrl(value, ORIGIN), ORIGIN);
      expect(target.origin).toBe(ORIGIN);
    }
  });

  it("lets Auth.js's own redirects back to sign-in through, on this site only", () => {
    expect(sameOriginPath("/signin?error=RateLimited", ORIGIN)).toBe("/signin?error=RateLimited");
    expect(sameOriginPath(`${ORIGIN}/signin`, ORIGIN)).toBe("/signin");
    expect(sameOriginPath("https://evil.example/signin", ORIGIN)).toBeNull();
    expect(sameOriginPath("/\t/evil.example", ORIGIN)).toBeNull();
  });
});
