/**
 * The layout's two boundaries (../shared/docs/style.md, README "Architecture"), held by a test so a
 * later feature cannot quietly cross them:
 * - the domain folders of lib/ never import the edges, lib/server/ (HTTP, processes, workers) and
 *   lib/cli/ (the command line);
 * - nothing in lib/ or db/ imports app/.
 * Domain *tests* may import lib/server/api/testing: some hold a rule at both ends, domain and API.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const sourceFile = /\.(ts|tsx|mjs|js)$/;

function filesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(relative);
    return sourceFile.test(entry.name) ? [relative] : [];
  });
}

/** Every module a source names: static imports and re-exports, `import()`, `require()`, `vi.mock()`. */
export function importsOf(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bvi\.mock\s*\(\s*)["']([^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

/** Where a specifier points, as a path from the repository's root ("lib/server/api/router"); null for packages. */
function resolvedFrom(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return null;
}

function crossings(files: string[], forbidden: (target: string) => boolean) {
  return files.flatMap((file) =>
    importsOf(readFileSync(path.join(root, file), "utf8"))
      .map((specifier) => ({ file, specifier, target: resolvedFrom(file, specifier) }))
      .filter(({ target }) => target !== null && forbidden(target))
      .map(({ file, specifier }) => `${file} imports ${specifier}`),
  );
}

const isUnder = (target: string, folder: string) => target === folder || target.startsWith(`${folder}/`);
const isEdge = (file: string) => isUnder(file, "lib/server") || isUnder(file, "lib/cli");
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

describe("the layout's boundaries", () => {
  it("reads every form of import a source can use", () => {
    const source = [
      'import { a } from "@/lib/server/api/router";',
      "import type { B } from '../cli/main';",
      'export { c } from "./c";',
      'import "@/lib/server/startup/sweeper";',
      'const d = await import("@/app/_lib/action");',
      'const e = require("../app/x");',
      'vi.mock("@/lib/cli/output");',
      'import { f } from "zod";',
    ].join("\n");
    expect(importsOf(source)).toEqual([
      "@/lib/server/api/router",
      "../cli/main",
      "./c",
      "@/lib/server/startup/sweeper",
      "@/app/_lib/action",
      "../app/x",
      "@/lib/cli/output",
      "zod",
    ]);
    expect(resolvedFrom("lib/requests/x.ts", "../server/api/router")).toBe("lib/server/api/router");
    expect(resolvedFrom("lib/requests/x.ts", "zod")).toBeNull();
  });

  it("the domain folders of lib/ import neither lib/server/ nor lib/cli/", () => {
    const domain = filesUnder("lib").filter((file) => !isEdge(file) && !isTest(file));
    expect(domain.length).toBeGreaterThan(100);
    expect(crossings(domain, isEdge)).toEqual([]);
  });

  it("nothing in lib/ or db/ imports app/", () => {
    // This file's own samples above are not imports.
    const files = [...filesUnder("lib"), ...filesUnder("db")].filter((file) => file !== "lib/layout-boundaries.test.ts");
    expect(crossings(files, (target) => isUnder(target, "app"))).toEqual([]);
  });
});
