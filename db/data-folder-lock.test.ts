import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { DataFolderLockedError, acquireDataFolderLock, lockFileOf } from "./data-folder-lock";

const children: ChildProcess[] = [];
const folders: string[] = [];

function tempDataDir() {
  const parent = mkdtempSync(path.join(os.tmpdir(), "elevate-lock-"));
  folders.push(parent);
  return path.join(parent, "pglite");
}

/** Starts another process that opens the folder, and resolves once it holds it. */
async function holdInAnotherProcess(dir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "db/testing/hold-data-folder.ts", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.stdout!.on("data", (chunk) => String(chunk).includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}: ${stderr}`)));
  });
  return child;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("the embedded data folder", () => {
  it("refuses a second process with an error naming the process that holds it", async () => {
    const dir = tempDataDir();
    const holder = await holdInAnotherProcess(dir);
    const error = await openDatabase({ kind: "embedded", dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFolderLockedError);
    expect((error as Error).message).toContain(`in use by process ${holder.pid}`);
    expect((error as Error).message).toContain(dir);
  });

  it("is refused to the elevate command while a server holds it, with exit code 1", async () => {
    const dir = tempDataDir();
    const holder = await holdInAnotherProcess(dir);
    const result = spawnSync(process.execPath, ["lib/cli/elevate.mjs", "db", "seed"], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`in use by process ${holder.pid}`);
    expect(result.stderr).toContain("admin center or the API");
  });

  it("is taken over when the process that held it died without letting go", async () => {
    const dir = tempDataDir();
    const holder = await holdInAnotherProcess(dir);
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.on("exit", resolve));
    expect(existsSync(lockFileOf(dir))).toBe(true); // kill -9 left it behind
    const handle = await openDatabase({ kind: "embedded", dir });
    await handle.close();
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });

  it("is given back on close, so the next process can open it", async () => {
    const dir = tempDataDir();
    const first = await openDatabase({ kind: "embedded", dir });
    await first.close();
    const release = acquireDataFolderLock(dir);
    release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });
});
