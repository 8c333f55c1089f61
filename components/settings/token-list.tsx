"use client";

import { revokeTokenAction } from "@/app/(app)/settings/tokens/actions";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { toast } from "@/components/ui/toasts";
import type { listTokens } from "@/lib/tokens/list-tokens";

type TokenView = Awaited<ReturnType<typeof listTokens>>[number];

const tones = { active: "green", expired: "neutral", revoked: "red" } as const;

/** The caller's own tokens: never the secret, only its prefix, with revoke behind a confirmation. */
export function TokenList({ tokens }: { tokens: TokenView[] }) {
  async function revoke(token: TokenView) {
    const result = await revokeTokenAction({ id: token.id });
    if (result.ok) toast.success(result.message ?? "Token revoked");
    else toast.error(result.message);
  }

  if (tokens.length === 0) {
    return (
      <EmptyState title="You have no API tokens">
        Create one above to call the API or use the <code>elevate</code> command line as yourself.
      </EmptyState>
    );
  }
  return (
    <ScrollRegion label="Your API tokens" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2.5">Name</th>
            <th scope="col" className="px-3 py-2.5">Prefix</th>
            <th scope="col" className="px-3 py-2.5">Created</th>
            <th scope="col" className="px-3 py-2.5">Expires</th>
            <th scope="col" className="px-3 py-2.5">Last used</th>
            <th scope="col" className="px-3 py-2.5">Status</th>
            <th scope="col" className="px-3 py-2.5"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-2.5 font-medium text-slate-900 wrap-anywhere">{token.name}</th>
              <td className="px-3 py-2.5 font-mono text-xs text-slate-700">{token.prefix}…</td>
              <td className="px-3 py-2.5 text-slate-700">
                <LocalTime iso={token.createdAt} />
              </td>
              <td className="px-3 py-2.5 text-slate-700">
                <LocalTime iso={token.expiresAt} />
              </td>
              <td className="px-3 py-2.5 text-slate-700">{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : "Never"}</td>
              <td className="px-3 py-2.5">
                <Badge tone={tones[token.status as keyof typeof tones]}>{token.status[0]!.toUpperCase() + token.status.slice(1)}</Badge>
              </td>
              <td className="px-3 py-1.5 text-right">
                {token.status === "active" && (
                  <ConfirmButton
                    title={`Revoke “${token.name}”?`}
                    body={`Scripts using ${token.prefix}… are refused from their next call. This cannot be undone.`}
                    confirmLabel="Revoke token"
                    onConfirm={() => revoke(token)}
                  >
                    Revoke<span className="sr-only"> {token.name}</span>
                  </ConfirmButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
