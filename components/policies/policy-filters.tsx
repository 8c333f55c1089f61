"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { type PolicyFilterValues, noFilters } from "./policy-filter-values";

export function PolicyFilters({
  filters,
  onChange,
  shown,
  total,
}: {
  filters: PolicyFilterValues;
  onChange: (filters: PolicyFilterValues) => void;
  shown: number;
  total: number;
}) {
  const active = Object.values(filters).some(Boolean);
  return (
    <form role="search" aria-label="Filter policies" onSubmit={(event) => event.preventDefault()} className="mb-4 space-y-2">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr]">
        <TextField
          name="q"
          label="Search"
          type="search"
          placeholder="Target, approver group…"
          autoComplete="off"
          value={filters.q}
          onChange={(event) => onChange({ ...filters, q: event.target.value })}
        />
        <SelectField
          name="type"
          label="Type"
          value={filters.type}
          onChange={(event) => onChange({ ...filters, type: event.target.value as PolicyFilterValues["type"] })}
          options={[
            { value: "", label: "All types" },
            { value: "task", label: "Task" },
            { value: "role", label: "Role" },
            { value: "roleGroup", label: "Role group" },
          ]}
        />
        <SelectField
          name="approval"
          label="Approval"
          value={filters.approval}
          onChange={(event) => onChange({ ...filters, approval: event.target.value as PolicyFilterValues["approval"] })}
          options={[
            { value: "", label: "Manual or automatic" },
            { value: "manual", label: "Manual" },
            { value: "auto", label: "Automatic" },
          ]}
        />
        <SelectField
          name="status"
          label="Status"
          value={filters.status}
          onChange={(event) => onChange({ ...filters, status: event.target.value as PolicyFilterValues["status"] })}
          options={[
            { value: "", label: "Enabled or disabled" },
            { value: "enabled", label: "Enabled" },
            { value: "disabled", label: "Disabled" },
          ]}
        />
      </div>
      <div className="flex min-h-9 flex-wrap items-center gap-3">
        <p aria-live="polite" className="text-sm text-slate-600">
          {active ? `Showing ${shown} of ${total} policies` : `${total} ${total === 1 ? "policy" : "policies"}`}
        </p>
        {active && (
          <Button variant="ghost" onClick={() => onChange(noFilters)}>
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}
