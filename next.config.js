import {
  COMMON_SECURITY_HEADERS,
  NON_PAGE_CONTENT_SECURITY_POLICY,
  asHeaderList,
} from "./lib/server/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder: bundling it breaks every query.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks the whole project (`tsc --noEmit`) before anything else; checking again in
  // every build doubled the e2e server's build time and let an unrelated test file stop a start.
  typescript: { ignoreBuildErrors: true },
  // A CSV import (People → Import CSV) sends its file, up to 1 MiB, to a server action as text.
  // authInterrupts: a page its reader may not open calls `forbidden()` and answers 403 (app/(app)/forbidden.tsx).
  experimental: { serverActions: { bodySizeLimit: "3mb" }, authInterrupts: true },
  // The headers that do not change per request, on everything Next serves: pages (whose
  // Content-Security-Policy, with its nonce, and HSTS come from proxy.ts), files, and API routes
  // (which get a policy that lets nothing run). The production server's API v1 handler, which
  // bypasses Next, sets the same (lib/server/api/node-handler.ts).
  async headers() {
    return [
      { source: "/:path*", headers: asHeaderList(COMMON_SECURITY_HEADERS) },
      { source: "/api/:path*", headers: asHeaderList({ "Content-Security-Policy": NON_PAGE_CONTENT_SECURITY_POLICY }) },
    ];
  },
};

export default nextConfig;
