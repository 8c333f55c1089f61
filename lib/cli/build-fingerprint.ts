/**
 * Whether the production build is current: a hash of the name, size and modification time of every
 * source file, and of what else the build embeds (the server-actions key's digest). `elevate serve`
 * rebuilds only when it changed, so a restart is instant and a pull is never served stale.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "db", "public"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.js",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
  "instrumentation.ts",
];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

export function sourceFingerprint(root: string, embedded = ""): string {
  const files = [
    ...SOURCE_DIRS.flatMap((dir) => listFiles(path.join(root, dir))),
    ...SOURCE_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file)),
  ].sort();
  const hash = createHash("sha256").update(`${embedded}\n`);
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "elevate-build-fingerprint");

export function buildIsCurrent(root: string, embedded = ""): boolean {
  const stamp = stampFile(root);
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === sourceFingerprint(root, embedded)
  );
}

export function recordBuild(root: string, fingerprint: string) {
  writeFileSync(stampFile(root), fingerprint);
}
