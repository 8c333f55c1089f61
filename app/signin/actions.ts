"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { db } from "@/db/client";
import { limitDemoSignIn } from "@/lib/auth/limit-demo-sign-in";
import { limitSignIn } from "@/lib/auth/limit-sign-in";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { config } from "@/lib/config";
import { DomainError } from "@/lib/errors";
import { signIn } from "@/lib/server/auth/auth";
import { clientAddressOf } from "@/lib/server/http/client-address";

async function clientIp() {
  return clientAddressOf(await headers()) ?? "local";
}

export interface EmailSignInState {
  errors?: { email?: string[] };
  message?: string;
}

const emailForm = z.object({
  email: z.email({ error: "Enter an email address such as you@contoso.com." }),
  callbackUrl: z.string().optional(),
});

export async function signInWithEmail(_: EmailSignInState, formData: FormData): Promise<EmailSignInState> {
  const parsed = emailForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors };
  // Limited per address and per email where the link is sent (lib/notify/send-sign-in-link.ts), so a
  // POST straight to Auth.js is limited too; counted there once, not here again.
  try {
    await signIn("resend", { email: parsed.data.email.toLowerCase(), redirectTo: safeCallbackUrl(parsed.data.callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      if (cause instanceof DomainError && cause.kind === "rate-limited") return { message: cause.message };
      return { message: "The sign-in link could not be sent. Try again in a minute." };
    }
    throw error; // Next's redirect to "check your email" travels as an exception.
  }
  return {};
}

/** Counts a sign-in attempt from this address; past the limit, back to the sign-in page saying so. */
async function limitOrBounce(redirectTo: string, limit = limitSignIn) {
  try {
    await limit(await db(), { ip: await clientIp() });
  } catch (error) {
    if (error instanceof DomainError) redirect(`/signin?error=RateLimited&callbackUrl=${encodeURIComponent(redirectTo)}`);
    throw error;
  }
}

export async function signInAsDemoAccount(formData: FormData) {
  const email = String(formData.get("email") ?? "");
  const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
  // The picker's own bound in demo mode, not the sign-in limits (switching roles would exhaust them);
  // outside demo mode there is no demo sign-in, and the action counts like any other attempt.
  await limitOrBounce(redirectTo, config().demo ? limitDemoSignIn : limitSignIn);
  let refused = false;
  try {
    await signIn("demo", { email, redirectTo });
  } catch (error) {
    // Auth.js throws (rather than redirects) when the account is refused: disabled, unknown or no
    // demo organisation's. The refusal is audited in lib/server/auth/auth.ts; the page says so.
    if (!(error instanceof AuthError)) throw error; // Next's redirect on success travels as an exception.
    refused = true;
  }
  if (refused) redirect(`/signin?error=CredentialsSignin&callbackUrl=${encodeURIComponent(redirectTo)}`);
}

export async function signInWithEntraId(formData: FormData) {
  const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
  await limitOrBounce(redirectTo);
  // Counted again, per identity, when Microsoft sends the person back (lib/server/auth/auth.ts).
  await signIn("microsoft-entra-id", { redirectTo });
}
