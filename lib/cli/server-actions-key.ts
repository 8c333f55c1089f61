import { createHash, hkdfSync } from "node:crypto";

/**
 * The key Next encrypts server actions with and derives their ids from. It is fixed at build time
 * and otherwise random per build, so instances that each build for themselves could not serve one
 * another's forms ("Failed to find Server Action"). Deriving it from AUTH_SECRET, which every
 * instance shares already, makes any number of separately built instances agree.
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, when set, wins.
 */
export function serverActionsKey(authSecret: string): string {
  return Buffer.from(hkdfSync("sha256", authSecret, "elevate", "next-server-actions", 32)).toString("base64");
}

/** What the build stamp records of the key: a digest, never the key. */
export function keyDigest(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}
