import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; domain tests import server modules.
      "server-only": path.resolve(import.meta.dirname, "db/testing/empty-module.ts"),
    },
  },
  test: {
    include: ["{lib,db}/**/*.test.ts", ".ci/**/*.test.ts"],
    environment: "node",
    // Real Postgres tests create a database each; PGlite boots in ~1 s. Generous, never a perf bound.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".data/vitest-results.json" },
  },
});
