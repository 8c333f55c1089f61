"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { PolicyView } from "@/lib/policies/policy-view";
import { plural } from "./coverage";
import { formatHours, targetTypeNames } from "./format";
import { type PolicyFilterValues, noFilters } from "./policy-filter-values";
import { PolicyFilters } from "./policy-filters";

function matches(policy: PolicyView, filters: PolicyFilterValues) {
  const needle = filters.q.trim().toLowerCase();
  return (
    (!filters.type || policy.type === filters.type) &&
    (!filters.approval || policy.approvalType === filters.approval) &&
    (!filters.status || policy.enabled === (filters.status === "enabled")) &&
    (!needle || [policy.target, policy.scope, policy.approverGroup].some((text) => text.toLowerCase().includes(needle)))
  );
}

/**
 * The organisation's policies, filtered in the browser (there are at most a few dozen). Filters live
 * in the URL so a filtered view can be shared or reloaded; replacing history does not refetch.
 */
export function PolicyList({ policies, initialFilters }: { policies: PolicyView[]; initialFilters: PolicyFilterValues }) {
  const [filters, setFilters] = useState(initialFilters);
  const change = (next: PolicyFilterValues) => {
    setFilters(next);
    const params = new URLSearchParams(Object.entries(next).filter(([, value]) => value) as [string, string][]);
    window.history.replaceState(null, "", params.size ? `?${params}` : window.location.pathname);
  };
  const shown = policies.filter((policy) => matches(policy, filters));

  return (
    <>
      <PolicyFilters filters={filters} onChange={change} shown={shown.length} total={policies.length} />
      {shown.length === 0 ? (
        <EmptyState title="No policy matches these filters">
          <Button variant="secondary" onClick={() => change(noFilters)}>
            Clear filters
          </Button>
        </EmptyState>
      ) : (
        <ScrollRegion label="Policies table" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Privileged access policies</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Target
                </th>
                <th scope="col" className="px-4 py-3">
                  Type
                </th>
                <th scope="col" className="px-4 py-3">
                  Approval
                </th>
                <th scope="col" className="px-4 py-3">
                  Approvers
                </th>
                <th scope="col" className="px-4 py-3">
                  Duration
                </th>
                <th scope="col" className="px-4 py-3">
                  Asks for
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((policy) => (
                <tr key={policy.id} className="align-top hover:bg-slate-50">
                  <th scope="row" className="px-4 py-3 text-left font-normal whitespace-nowrap">
                    <Link href={`/policies/${policy.id}`} className="font-mono font-medium text-brand-700 hover:underline">
                      {policy.target}
                    </Link>
                    <span className="block text-xs text-slate-600">{policy.scope}</span>
                  </th>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-800">{targetTypeNames[policy.type]}</td>
                  <td className="px-4 py-3">
                    {policy.approvalType === "manual" ? <Badge>Manual</Badge> : <Badge tone="amber">Automatic</Badge>}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-800">
                    {policy.approverGroup}
                    <span className="block text-xs text-slate-600">
                      {policy.approvalType === "manual"
                        ? `${plural(policy.requiredApprovals, "approval")} required`
                        : "No approval needed; can revoke"}
                    </span>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-800">
                    Max {formatHours(policy.maxDurationHours)}
                    <span className="block text-xs text-slate-600">Default {formatHours(policy.defaultDurationHours)}</span>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-800">
                    {[policy.reasonRequired && "Reason", policy.ticketRequired && "Ticket"].filter(Boolean).join(", ") || "Nothing"}
                  </td>
                  <td className="px-4 py-3">
                    {policy.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
