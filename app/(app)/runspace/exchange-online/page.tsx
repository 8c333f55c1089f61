import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { describeWorkload } from "@/lib/runspace/describe-workload";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Connecting Exchange Online" };

const script = `npx elevate access check --scope ExchangeOnline --task Remove-JournalRule   # exit status 1 unless allowed now
if ($LASTEXITCODE -ne 0) { throw "Elevate does not allow Remove-JournalRule now: request access first." }
Connect-ExchangeOnline -Organization contoso.onmicrosoft.com
Remove-JournalRule -Identity "Journal Legal Team" -Confirm:$false`;

/** What the runspace's Exchange is, what connecting a real one takes, and what works today: the README's section, in the app. */
export default async function ConnectingExchangeOnlinePage() {
  const actor = await requireActor();
  const workload = await describeWorkload(await db(), { actor });
  return (
    <>
      <PageHeader title="Connecting Exchange Online" description="What the runspace's Exchange is today, and how to put a real tenant under Elevate's policies." />
      <div className="max-w-3xl space-y-4 text-sm text-slate-800">
        <Card title="Today: a simulated Exchange Online">
          <p>
            The runspace&apos;s Exchange tasks run on an Exchange Online that Elevate simulates in its own database.{" "}
            {workload.demo
              ? "This demo organisation's holds the Contoso mailboxes, journal rules, mail flow rules and groups."
              : "This organisation's started empty and holds only what its tasks have created."}{" "}
            Its cmdlets answer as the tenant <span className="font-mono wrap-anywhere">{workload.organization}</span>, a name taken from the
            organisation: no task reaches your tenant.
          </p>
          <p className="mt-2">
            A connector that runs these tasks on your own Exchange Online (an Entra app registration, app-only, through Exchange
            Online&apos;s REST endpoint) is planned and not built yet.
          </p>
        </Card>
        <Card title="What works today">
          <p>
            Put the Exchange Online PowerShell you already run under Elevate&apos;s policies: register its cmdlets as an external scope
            (for example <span className="font-mono">ExchangeOnline</span>; the name Exchange belongs to the built-in catalog), put
            policies on them, and have the script ask Elevate before each cmdlet with the token of the person running it:
          </p>
          <pre className="mt-3 overflow-x-auto rounded bg-slate-950 p-3 text-xs leading-relaxed text-slate-100" tabIndex={0} aria-label="Example script">
            {script}
          </pre>
          <p className="mt-3">
            Requests, approvals and the audit log then work as for the built-in tasks. The cmdlet runs in your own session with your
            Exchange rights, so the check holds only as far as the script that makes it. The README&apos;s sections &ldquo;External
            scopes&rdquo; and &ldquo;Connecting Exchange Online&rdquo; say how, step by step.
          </p>
        </Card>
        <p>
          <Link href="/runspace" className="font-medium text-brand-700 underline hover:text-brand-900">
            Back to the runspace
          </Link>
        </p>
      </div>
    </>
  );
}
