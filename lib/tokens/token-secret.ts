import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { resolveAuthSecret } from "@/lib/config";

const TOKEN_PATTERN = /^elv_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

let key: Buffer | undefined;

/** A key of its own for token hashes, derived from AUTH_SECRET (rotating that secret voids every token). */
function tokenKey() {
  key ??= Buffer.from(hkdfSync("sha256", resolveAuthSecret(), "elevate", "api-token-hash", 32));
  return key;
}

/** `elv_<8 visible characters>_<32 random bytes>`: the prefix is what lists show. */
export function generateToken() {
  const prefix = randomBytes(6).toString("hex").slice(0, 8);
  const token = `elv_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix: `elv_${prefix}` };
}

/** A keyed hash (HMAC-SHA-256): a stolen table of hashes is useless without the server's secret. */
export function hashToken(token: string) {
  return createHmac("sha256", tokenKey()).update(token).digest("hex");
}

export function looksLikeToken(token: string) {
  return TOKEN_PATTERN.test(token);
}
