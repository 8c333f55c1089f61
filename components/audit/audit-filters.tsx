"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTimeContext, useZone } from "@/components/time/local-time";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { fromDateTimeLocal, toDateTimeLocal } from "@/lib/time/format-time";
import {
  type AuditFilters as Filters,
  AUDIT_FILTER_KEYS,
  DEFAULT_PAGE_SIZE,
  KNOWN_AUDIT_ACTIONS,
  PAGE_SIZES,
  auditQueryString,
  toIsoUtc,
} from "./audit-query";

const TIME_KEYS = new Set(["since", "until"]);

/**
 * The filter form is a plain GET form (it works before JavaScript loads); once hydrated it drops
 * the empty fields so the URL, which is what people share, stays short. Its time fields speak the
 * reader's zone once hydrated, like every time on the page (UTC before, and labelled so): it shows
 * the filter's instants there and sends what is typed as full ISO instants.
 */
export function AuditFilters({ values, limit, errors }: { values: Filters; limit: number; errors?: Record<string, string[]> }) {
  const router = useRouter();
  const { timeZone } = useTimeContext();
  const zone = useZone();
  // A readable time moves to the reader's zone; anything else stays as typed, beside its error.
  const shown = (value: string | undefined) => {
    if (!value) return value;
    const iso = toIsoUtc(value);
    return Number.isNaN(Date.parse(iso)) ? value : toDateTimeLocal(iso, timeZone);
  };
  const actions = [...KNOWN_AUDIT_ACTIONS] as string[];
  if (values.action && !actions.includes(values.action)) actions.unshift(values.action);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const filters: Filters = {};
    for (const key of AUDIT_FILTER_KEYS) {
      const value = String(data.get(key) ?? "").trim();
      if (value) filters[key] = TIME_KEYS.has(key) ? (fromDateTimeLocal(value, timeZone) ?? value) : value;
    }
    const size = Number(data.get("limit"));
    router.push(`/audit${auditQueryString(filters, { limit: size === DEFAULT_PAGE_SIZE ? undefined : size })}`);
  }

  return (
    <form method="get" action="/audit" onSubmit={submit} aria-label="Filter audit events" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          name="action"
          label="Action"
          defaultValue={values.action ?? ""}
          errors={errors?.action}
          options={[{ value: "", label: "Any action" }, ...actions.map((a) => ({ value: a, label: a }))]}
        />
        <TextField
          name="actor"
          label="Actor"
          type="text"
          inputMode="email"
          autoComplete="off"
          placeholder="name@contoso.com or system"
          defaultValue={values.actor}
          errors={errors?.actor}
        />
        <TextField
          name="targetId"
          label="Target ID"
          autoComplete="off"
          hint="The request, policy, user or token id."
          defaultValue={values.targetId}
          errors={errors?.targetId}
        />
        {/* Keyed by the zone: the server's UTC value gives way to the reader's once hydrated. */}
        <TextField
          key={`since-${zone.id}`}
          name="since"
          label={`From (${zone.name})`}
          type="datetime-local"
          hint={`Times in ${zone.id}.`}
          defaultValue={shown(values.since)}
          errors={errors?.since}
        />
        <TextField
          key={`until-${zone.id}`}
          name="until"
          label={`To (${zone.name})`}
          type="datetime-local"
          hint={`Times in ${zone.id}.`}
          defaultValue={shown(values.until)}
          errors={errors?.until}
        />
        <TextField
          name="q"
          label="Search"
          type="search"
          hint="Matches the action, actor, target and details."
          defaultValue={values.q}
          errors={errors?.q}
        />
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SelectField
          name="limit"
          label="Events per page"
          className="w-40"
          defaultValue={String(limit)}
          options={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
        />
        <div className="flex gap-2">
          <Link
            href="/audit"
            className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            Clear filters
          </Link>
          <Button type="submit">Apply filters</Button>
        </div>
      </div>
    </form>
  );
}
