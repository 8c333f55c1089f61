/**
 * Every environment variable Elevate reads, validated in one place. A bad or missing value stops
 * the server at start with a message naming the variable, instead of failing later on a request.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

/** Empty strings in an env file mean "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"], {
    error: "must be 1 or 0 (or true/false)",
  })
  .transform((value) => ["1", "true", "yes"].includes(value));

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value) && URL.canParse(value), {
    error: "must be a postgres:// or postgresql:// connection URL",
  });

const httpUrl = z.string().refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), {
  error: "must be an http:// or https:// URL",
});

const envSchema = z
  .object({
    NODE_ENV: optional(z.enum(["development", "production", "test"])),
    DATABASE_URL: optional(postgresUrl),
    PGLITE_DIR: optional(z.string()),
    PORT: optional(
      z.coerce
        .number({ error: "must be a port number" })
        .int("must be a whole number")
        .min(1, "must be between 1 and 65535")
        .max(65535, "must be between 1 and 65535"),
    ),
    /** The address the production server listens on (lib/server/startup/listen-host.ts). */
    HOST: optional(
      z
        .string()
        .trim()
        .refine((value) => isIP(value.replace(/^\[(.*)\]$/, "$1")) !== 0 || /^(?=.{1,253}$)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/.test(value), {
          error: "must be an address or host name such as 127.0.0.1, 0.0.0.0 or ::",
        }),
    ),
    AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
    AUTH_URL: optional(httpUrl),
    RESEND_API_KEY: optional(z.string()),
    RESEND_BASE_URL: optional(httpUrl),
    EMAIL_FROM: optional(
      z
        .string()
        .regex(/^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+)$/, {
          error: 'must be an address such as "Elevate <elevate@example.com>"',
        }),
    ),
    AUTH_MICROSOFT_ENTRA_ID_ID: optional(z.string()),
    AUTH_MICROSOFT_ENTRA_ID_SECRET: optional(z.string()),
    AUTH_MICROSOFT_ENTRA_ID_ISSUER: optional(httpUrl),
    ELEVATE_DEMO: optional(flag),
    ELEVATE_ADMIN_EMAIL: optional(z.email({ error: "must be an email address" })),
    ELEVATE_API_RATE_LIMIT: optional(z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1")),
    ELEVATE_SIGN_IN_RATE_LIMIT: optional(z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1")),
    ELEVATE_TRUSTED_PROXIES: optional(
      z.coerce.number({ error: "must be a number" }).int().min(0, "must be 0 or more").max(10, "must be at most 10"),
    ),
  })
  .superRefine((env, ctx) => {
    const entra = [
      "AUTH_MICROSOFT_ENTRA_ID_ID",
      "AUTH_MICROSOFT_ENTRA_ID_SECRET",
      "AUTH_MICROSOFT_ENTRA_ID_ISSUER",
    ] as const;
    const setCount = entra.filter((name) => env[name] !== undefined).length;
    if (setCount > 0 && setCount < entra.length) {
      for (const name of entra.filter((n) => env[n] === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "must be set together with the other AUTH_MICROSOFT_ENTRA_ID_* variables",
        });
      }
    }
    if (env.RESEND_API_KEY && !env.EMAIL_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["EMAIL_FROM"],
        message: "is required when RESEND_API_KEY is set (a sender on a domain verified in Resend)",
      });
    }
    if (env.DATABASE_URL && !env.AUTH_SECRET && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message:
          "is required with DATABASE_URL: generate one with `openssl rand -base64 32` and give every instance the same value",
      });
    }
  });

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      "Elevate cannot start: its configuration is invalid.\n" +
        problems.map((p) => `  ${p.variable} ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "configuration"),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const pgliteDir = path.resolve(/* turbopackIgnore: true */ e.PGLITE_DIR ?? path.join(".data", "pglite"));
  const embedded = !e.DATABASE_URL;
  const entraId =
    e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET && e.AUTH_MICROSOFT_ENTRA_ID_ISSUER
      ? {
          clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
          clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
          issuer: e.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
        }
      : undefined;
  const port = e.PORT ?? 3000;
  return {
    production: e.NODE_ENV === "production",
    database: embedded
      ? ({ kind: "embedded", dir: pgliteDir } as const)
      : ({ kind: "postgres", url: e.DATABASE_URL! } as const),
    port,
    /** HOST as given: where to listen, when it is not the default (see lib/server/startup/listen-host.ts). */
    host: e.HOST?.replace(/^\[(.*)\]$/, "$1"),
    publicUrl: (e.AUTH_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    authSecretFromEnv: e.AUTH_SECRET,
    /** Where a generated secret is kept for the embedded default: beside the database folder. */
    generatedSecretFile: path.join(path.dirname(pgliteDir), "auth-secret"),
    email: {
      resendApiKey: e.RESEND_API_KEY,
      resendBaseUrl: e.RESEND_BASE_URL,
      from: e.EMAIL_FROM ?? "Elevate <elevate@localhost>",
    },
    entraId,
    /** Demo mode: the account picker and the dev mailbox. On by default only with the embedded database. */
    demo: e.ELEVATE_DEMO ?? embedded,
    adminEmail: e.ELEVATE_ADMIN_EMAIL?.toLowerCase(),
    rateLimits: {
      /** API calls per minute, per token and (twice this) per address. */
      apiPerMinute: e.ELEVATE_API_RATE_LIMIT ?? 600,
      /** Sign-in attempts per 15 minutes per address. */
      signInPer15Minutes: e.ELEVATE_SIGN_IN_RATE_LIMIT ?? 20,
    },
    /** Reverse proxies in front of Elevate whose X-Forwarded-For entries are believed (lib/server/http/client-address.ts). */
    trustedProxies: e.ELEVATE_TRUSTED_PROXIES ?? 0,
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed once. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/**
 * The Auth.js secret: AUTH_SECRET, or for the embedded default one generated on first use and kept
 * under the data folder, so sessions survive restarts without any setup.
 */
export function resolveAuthSecret(cfg: Config = config()): string {
  if (cfg.authSecretFromEnv) return cfg.authSecretFromEnv;
  if (cfg.database.kind === "postgres") {
    throw new ConfigError([
      { variable: "AUTH_SECRET", message: "is required with DATABASE_URL (openssl rand -base64 32)" },
    ]);
  }
  const file = cfg.generatedSecretFile;
  // A file of the install's own, not a module: keep the bundler from tracing the whole project.
  const readSecret = () => readFileSync(/* turbopackIgnore: true */ file, "utf8").trim();
  if (existsSync(/* turbopackIgnore: true */ file)) return readSecret();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process generated it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readSecret();
    throw error;
  }
}
