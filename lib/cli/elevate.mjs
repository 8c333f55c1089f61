#!/usr/bin/env node
// The `elevate` command. It runs the TypeScript sources directly through tsx, so the command
// line and the server share one domain layer with no separate build.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
process.env.ELEVATE_ROOT ??= root;
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import("./main.ts");
await main(process.argv);
