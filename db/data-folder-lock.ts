/**
 * PGlite is Postgres running inside this process: two processes on one data folder each believe
 * they own it and writes are lost without a word. A lock file beside the folder makes the second
 * process fail loudly instead, naming the process that holds the folder.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database at ${dir} is in use by process ${holder.pid} on ${holder.host} ` +
        `(${holder.command}, since ${holder.since}). Only one process may open it at a time: ` +
        `stop that process, use the running server's UI or API instead, or set PGLITE_DIR to another folder.`,
    );
    this.name = "DataFolderLockedError";
  }
}

export function lockFileOf(dir: string) {
  return `${path.resolve(dir)}.lock`;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

const held = new Map<string, () => void>();

/**
 * Takes the folder for this process and returns the function that gives it back. The lock is also
 * given back when the process exits; a lock left by a process that died is taken over.
 */
export function acquireDataFolderLock(dir: string): () => void {
  const absolute = path.resolve(dir);
  const existing = held.get(absolute);
  if (existing) return existing;

  const file = lockFileOf(absolute);
  mkdirSync(path.dirname(file), { recursive: true });
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    command: process.argv.slice(1, 3).map((arg) => path.basename(arg)).join(" ") || "node",
    since: new Date().toISOString(),
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      const release = () => {
        held.delete(absolute);
        process.off("exit", release);
        if (readHolder(file)?.pid === me.pid) {
          try {
            unlinkSync(file);
          } catch {
            // Already gone: nothing to give back.
          }
        }
      };
      process.on("exit", release);
      held.set(absolute, release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      const stale = !holder || (holder.host === me.host && !isAlive(holder.pid));
      if (!stale) throw new DataFolderLockedError(absolute, holder);
      // The holder died without cleaning up (a crash or kill -9): take the folder over, but only
      // if the file is still the stale one we read, so two newcomers cannot both take it.
      if (JSON.stringify(readHolder(file)) === JSON.stringify(holder)) {
        try {
          unlinkSync(file);
        } catch {
          // Someone else removed it first; the next attempt sorts out who wins.
        }
      }
    }
  }
  const holder = readHolder(file);
  throw new DataFolderLockedError(absolute, holder ?? { ...me, pid: -1, command: "unknown" });
}
