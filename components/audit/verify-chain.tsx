"use client";

import { useState } from "react";
import { verifyAuditChainAction } from "@/app/(app)/audit/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toasts";
import type { ChainVerification } from "@/lib/audit/verify-audit-chain";

/** Walks the organisation's hash chain on demand and says whether it is whole, and where not. */
export function VerifyChain() {
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [checking, setChecking] = useState(false);

  async function verify() {
    if (checking) return;
    setChecking(true);
    const outcome = await verifyAuditChainAction({});
    setChecking(false);
    if (!outcome.ok) {
      toast.error(outcome.message);
      return;
    }
    setResult(outcome.data);
    if (outcome.data.ok) toast.success(`Chain intact: ${outcome.data.checked} events verified`);
    else toast.error("The audit chain is broken");
  }

  return (
    <section aria-labelledby="verify-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="verify-title" className="text-base font-semibold text-slate-900">
            Chain integrity
          </h2>
          <p className="text-sm text-slate-600">
            Every event carries the hash of the one before it. Verifying recomputes them all and names the first that does not
            match.
          </p>
        </div>
        {/* aria-disabled, not disabled: a disabled button loses the focus, and the keyboard with it. */}
        <Button variant="secondary" onClick={verify} aria-disabled={checking} aria-busy={checking}>
          {checking ? "Verifying…" : "Verify chain"}
        </Button>
      </div>
      <div role="status" aria-live="polite" className="mt-3 text-sm text-slate-800 empty:hidden">
        {result && <VerificationResult result={result} />}
      </div>
    </section>
  );
}

function VerificationResult({ result }: { result: ChainVerification }) {
  if (result.ok) {
    return (
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone="green">Intact</Badge>
        <span>
          Chain intact: all {result.checked} events match their hashes, up to the chain head.
        </span>
      </p>
    );
  }
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone="red">Broken</Badge>
        <span>
          {result.checked} event{result.checked === 1 ? "" : "s"} checked out before the chain broke.
        </span>
      </p>
      {result.firstBrokenId ? (
        <p>
          First broken event: <code className="break-all font-mono text-xs">{result.firstBrokenId}</code>. Everything from it on
          cannot be trusted; export the log and investigate.
        </p>
      ) : (
        <p>Every stored event matches, but the chain head expects more: the newest events were removed.</p>
      )}
    </div>
  );
}
