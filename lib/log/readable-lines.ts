/**
 * Development's log destination: each JSON line pino writes, as a line a person reads in a
 * terminal (time, level, message, fields; an error's stack and causes under it). pino-pretty does
 * this through a worker-thread transport, which Next's bundling of server code breaks; this is a
 * plain synchronous destination instead.
 */
import type { DestinationStream } from "pino";

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const HIDDEN = new Set(["level", "time", "pid", "hostname", "msg", "err"]);

export function readableLines(write: (text: string) => void = (text) => process.stdout.write(text)): DestinationStream {
  return {
    write(line: string) {
      try {
        write(readable(JSON.parse(line) as Record<string, unknown>));
      } catch {
        write(line);
      }
    },
  };
}

function readable(record: Record<string, unknown>) {
  const time = new Date(Number(record.time)).toISOString().slice(11, 23);
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const head = [time, LEVELS[Number(record.level)] ?? String(record.level), String(record.msg ?? ""), ...fields].join(" ");
  return `${head}\n${record.err ? errorLines(record.err, "  ") : ""}`;
}

function errorLines(error: unknown, indent: string): string {
  if (!error || typeof error !== "object") return `${indent}${String(error)}\n`;
  const { stack, message, type, cause } = error as { stack?: string; message?: string; type?: string; cause?: unknown };
  const text = (stack ?? `${type}: ${message}`).split("\n").map((line) => `${indent}${line}`).join("\n");
  return `${text}\n${cause ? `${indent}caused by:\n${errorLines(cause, `${indent}  `)}` : ""}`;
}
