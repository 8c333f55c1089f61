/**
 * Auth.js v5: magic link by email (Resend, or the dev mailbox in demo mode), Microsoft Entra ID when
 * configured, and the one-click demo account picker in demo mode.
 *
 * Sessions are JWTs (Credentials sign-in needs that) that carry only a server-side session token;
 * the `jwt` callback checks that session row on every request, so sign-out and a disabled member
 * take effect at once, not when a cookie expires.
 */
import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { headers } from "next/headers";
import { AccessDenied } from "@auth/core/errors";
import NextAuth, { type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import Resend from "next-auth/providers/resend";
import { cache } from "react";
import { db } from "@/db/client";
import { accounts, users, verificationTokens } from "@/db/schema";
import { config, resolveAuthSecret } from "@/lib/config";
import { clientInfoOf } from "@/lib/server/http/client-address";
import { logger } from "@/lib/log/logger";
import { sendSignInLink } from "@/lib/notify/send-sign-in-link";
import { DomainError } from "@/lib/errors";
import { type Admission, admitSignIn } from "@/lib/auth/admit-sign-in";
import type { SignInAttempt } from "@/lib/auth/decide-sign-in";
import { ENTRA_PROVIDER_ID, entraAccountId, entraIdentityOf, entraProfile } from "@/lib/auth/entra-identity";
import { limitSignIn } from "@/lib/auth/limit-sign-in";
import { sameOriginPath } from "@/lib/auth/safe-callback-url";
import { type ClientInfo, SESSION_LIFETIME_DAYS, endSession, findLiveSession, startSession } from "@/lib/auth/sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    organisationId: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The server-side session token: the only thing the cookie needs. */
    sid?: string;
    uid?: string;
    org?: string;
  }
}

/** Who is signing in, by address and browser: from the request, or, in a server action, its headers. */
async function clientInfo(request: Request | undefined): Promise<ClientInfo> {
  const source = request?.headers ?? (await requestHeaders());
  return source ? clientInfoOf(source) : { ip: null, userAgent: null };
}

/** Auth.js passes no request to server actions and pages; outside any request there are no headers. */
async function requestHeaders() {
  try {
    return await headers();
  } catch {
    return null;
  }
}

/** Which sign-in methods this deployment offers; the sign-in page shows the same. */
export function signInMethods() {
  const cfg = config();
  return {
    // Outside demo mode there is no dev mailbox, so email sign-in needs a real provider.
    email: Boolean(cfg.email.resendApiKey) || cfg.demo,
    entraId: Boolean(cfg.entraId),
    demo: cfg.demo,
  };
}

/** What a provider's sign-in says about the person, for decide-sign-in.ts; null when it says nothing usable. */
function signInAttemptOf(
  provider: string | undefined,
  user: { email?: string | null },
  profile: Record<string, unknown> | undefined,
): SignInAttempt | null {
  if (provider === ENTRA_PROVIDER_ID) {
    const identity = entraIdentityOf(profile);
    return identity ? { method: ENTRA_PROVIDER_ID, identity } : null;
  }
  if (!user.email) return null;
  if (provider === "resend") return { method: "resend", email: user.email };
  if (provider === "demo") return { method: "demo", email: user.email };
  return null;
}

const REFUSALS = new Set(["AccessDenied", "CredentialsSignin"]);

async function buildConfig(request: Request | undefined): Promise<NextAuthConfig> {
  const cfg = config();
  const database = await db();
  const methods = signInMethods();
  const client = await clientInfo(request);
  /** Whom this request's signIn callback admitted, for its jwt callback (the config is built per request). */
  let admission: Admission | null = null;

  const providers: NextAuthConfig["providers"] = [];
  if (methods.email) {
    providers.push(
      Resend({
        from: cfg.email.from,
        sendVerificationRequest: async ({ identifier, url }) => {
          try {
            await sendSignInLink(database, { email: identifier, url, ip: client.ip });
          } catch (error) {
            // An Auth.js error carrying ours: the sign-in form (app/signin/actions.ts) shows its message.
            if (error instanceof DomainError && error.kind === "rate-limited") throw new AccessDenied(error.message, { cause: { err: error } });
            throw error;
          }
        },
      }),
    );
  }
  if (cfg.entraId) {
    providers.push(
      MicrosoftEntraID({
        ...cfg.entraId,
        // Elevate's profile: the account id is `tid:oid`, and nothing is fetched from Microsoft Graph
        // (Auth.js's own profile fetched a photo there and failed every sign-in where it is out of reach).
        profile: (claims) => entraProfile(claims as unknown as Record<string, unknown>),
        // Only the ID token is read: no Graph scope (User.Read) is asked for.
        authorization: { params: { scope: "openid profile email" } },
        // Elevate never acts with the person's tokens, so none is kept at rest.
        account: () => ({}),
        // Auth.js may attach a first Entra sign-in to the person with that address; whether the
        // address is believed (verified claim, allowed tenant, no other identity linked) is decided
        // in the signIn callback before that happens (decide-sign-in.ts).
        allowDangerousEmailAccountLinking: true,
      }),
    );
  }
  if (methods.demo) {
    providers.push(
      Credentials({
        id: "demo",
        name: "Demo account",
        credentials: { email: { label: "Email", type: "email" } },
        authorize: async (input) => {
          const email = typeof input.email === "string" ? input.email.toLowerCase().slice(0, 320) : "";
          if (!config().demo || !email) return null;
          // The decision every sign-in takes (a membership of a demo organisation only); a refusal
          // (a disabled or unknown account) is audited as `auth.refused` like any other, and the
          // sign-in action shows the page's own message (app/signin/actions.ts).
          const admitted = await admitSignIn(database, { attempt: { method: "demo", email }, client });
          return admitted ? { id: admitted.userId, email: admitted.email } : null;
        },
      }),
    );
  }

  return {
    adapter: DrizzleAdapter(database, {
      usersTable: users,
      accountsTable: accounts,
      verificationTokensTable: verificationTokens,
    } as never),
    providers,
    secret: resolveAuthSecret(cfg),
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_LIFETIME_DAYS * 24 * 60 * 60 },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    logger: {
      // A refused sign-in (AccessDenied; CredentialsSignin for the demo picker) is expected and
      // already logged (or audited) by admit-sign-in.ts; Auth.js would add a stack trace for each one.
      error(error) {
        // `type`, not `name`: the class name does not survive minification.
        if (!REFUSALS.has((error as { type?: string }).type ?? "")) logger.error({ err: error }, "auth: unexpected error");
      },
    },
    callbacks: {
      // Every redirect Auth.js makes (a callbackUrl posted straight to /api/auth/…, sign-out's
      // destination) passes the check the sign-in page's own redirects pass.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${sameOriginPath(url, baseUrl) ?? "/"}`;
      },
      async signIn({ user, account, profile, email }) {
        // The link request itself: sendSignInLink decides whether a link goes out.
        if (email?.verificationRequest) return true;
        const attempt = signInAttemptOf(account?.provider, user, profile);
        if (!attempt) {
          logger.warn(`auth: sign-in refused (${account?.provider ?? "unknown"}): no usable identity`);
          return false;
        }
        if (attempt.method === ENTRA_PROVIDER_ID) {
          try {
            await limitSignIn(database, { ip: client.ip, identity: `entra:${entraAccountId(attempt.identity)}` });
          } catch (error) {
            if (error instanceof DomainError) return "/signin?error=RateLimited";
            throw error;
          }
        }
        admission = await admitSignIn(database, { attempt, client });
        return admission !== null;
      },
      async jwt({ token, user, account }) {
        if (user) {
          // Signing in: the session opens on the membership the signIn callback admitted, in this request.
          if (!admission || (user.id && user.id !== admission.userId)) return null;
          const session = await startSession(database, {
            userId: admission.userId,
            organisationId: admission.organisationId,
            method: account?.provider ?? "unknown",
            client,
          });
          return { sid: session.sessionToken, uid: session.userId, org: session.organisationId, email: admission.email };
        }
        if (!token.sid) return null;
        const live = await findLiveSession(database, token.sid);
        if (!live) return null; // Ended, expired or disabled: the cookie is cleared.
        return { ...token, uid: live.userId, org: live.organisationId };
      },
      session({ session, token }) {
        session.user.id = token.uid!;
        session.organisationId = token.org!;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && message.token?.sid) await endSession(database, message.token.sid, client);
      },
    },
  };
}

const nextAuth = NextAuth((request) => buildConfig(request));

export const { handlers, signIn, signOut } = nextAuth;
/** The session of this request, read once per render. */
export const auth = cache(() => nextAuth.auth());
