import { describe, expect, it } from "vitest";
import { newNonce, pageContentSecurityPolicy } from "./content-security-policy";
import { transportSecurityHeaders } from "./security-headers.mjs";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));

describe("a page's Content-Security-Policy", () => {
  it("lets only this request's scripts run, and nothing frame the page", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "abc", development: false, https: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows eval under next dev only", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", development: true, https: false })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy({ nonce: "n", development: false, https: true })).not.toContain("unsafe-eval");
  });

  it("upgrades insecure requests over https, and lets a sign-in form go on to the Entra authority", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "n", development: false, https: true, formTargets: ["https://login.microsoftonline.com"] }));
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
    expect(policy.get("form-action")).toEqual(["'self'", "https://login.microsoftonline.com"]);
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("HSTS", () => {
  it("only where Elevate is served over https", () => {
    expect(transportSecurityHeaders("https://elevate.contoso.com")).toEqual({ "Strict-Transport-Security": "max-age=31536000" });
    expect(transportSecurityHeaders("http://localhost:3000")).toEqual({});
    expect(transportSecurityHeaders(undefined)).toEqual({});
  });
});
