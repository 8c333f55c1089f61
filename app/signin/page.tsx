import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EmailSignInForm } from "@/components/email-sign-in-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { listDemoAccounts } from "@/lib/auth/demo-accounts";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { signInMethods } from "@/lib/server/auth/auth";
import { currentActor } from "@/lib/server/auth/current-actor";
import { signInAsDemoAccount, signInWithEntraId } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const errorMessages: Record<string, string> = {
  AccessDenied:
    "That account is not a member of an organisation on this Elevate, or it has been disabled. Ask an administrator of your organisation to add you.",
  Configuration: "Sign-in could not be completed: the server could not talk to the sign-in provider. Try again, or tell your administrator.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  CredentialsSignin: "That demo account is not available.",
  RateLimited: "Too many sign-in attempts from your address. Wait a few minutes and try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const methods = signInMethods();
  // `?org=<slug>` picks another demo organisation's accounts (the browser tests seed one per spec).
  const demoOrg = typeof params.org === "string" && /^[a-z0-9-]{1,63}$/.test(params.org) ? params.org : undefined;
  const demoAccounts = methods.demo ? await listDemoAccounts(await db(), demoOrg) : [];
  // Only a plausible address is echoed back into the form (it is the invitation's link).
  const invitedEmail = typeof params.email === "string" && /^[^\s<>"]{1,254}@[^\s<>"]+$/.test(params.email) ? params.email : undefined;
  const error = params.error ? (errorMessages[params.error] ?? "Sign-in failed. Try again.") : undefined;

  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-6 px-4 py-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-brand-700">Elevate</h1>
        <p className="mt-1 text-slate-600">Just-in-time, approved and audited privileged access.</p>
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      )}
      {methods.demo && (
        <Card title="Demo accounts">
          <p className="mb-4 text-sm text-slate-600">Demo mode: sign in as any Contoso account with one click.</p>
          <ul className="grid gap-2 sm:grid-cols-2">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <form action={signInAsDemoAccount}>
                  <input type="hidden" name="email" value={account.email} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button
                    type="submit"
                    aria-label={`Sign in as ${account.email} (${account.labels.join(", ")})`}
                    className="w-full rounded-md px-3 py-2.5 text-left ring-1 ring-slate-200 hover:bg-brand-50 hover:ring-brand-100"
                  >
                    <span className="block text-sm font-medium text-slate-900">{account.name}</span>
                    <span className="block text-xs text-slate-600">{account.email}</span>
                    <span className="mt-1 block text-xs font-medium text-brand-700">{account.labels.join(" · ")}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {(methods.email || methods.entraId) && (
        <Card title="Sign in with your work account">
          <div className="space-y-4">
            {methods.entraId && (
              <form action={signInWithEntraId}>
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <Button type="submit" variant="secondary" className="w-full">
                  Sign in with Microsoft Entra ID
                </Button>
              </form>
            )}
            {methods.email && <EmailSignInForm callbackUrl={callbackUrl} email={invitedEmail} />}
            {methods.email && methods.demo && (
              <p className="text-xs text-slate-500">
                No email provider is configured: sign-in links land in the <a className="underline" href="/dev/mailbox">dev mailbox</a>.
              </p>
            )}
          </div>
        </Card>
      )}
      {!methods.demo && !methods.email && !methods.entraId && (
        <Card>
          <p className="text-sm text-slate-700">
            No sign-in method is configured. Set RESEND_API_KEY and EMAIL_FROM, or the AUTH_MICROSOFT_ENTRA_ID_* variables.
          </p>
        </Card>
      )}
    </main>
  );
}
