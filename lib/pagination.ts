import type { z } from "zod";
import { DomainError } from "./errors";

/** Keyset cursors are opaque to callers: base64url of the last row's sort key. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new DomainError("invalid:cursor", "The cursor is not one this API gave out.", { cursor: ["is not valid"] });
  }
}
