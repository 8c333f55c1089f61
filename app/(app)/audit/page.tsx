import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { AuditFilters } from "@/components/audit/audit-filters";
import { auditQueryString, parseAuditQuery } from "@/components/audit/audit-query";
import { ExportLinks } from "@/components/audit/export-links";
import { VerifyChain } from "@/components/audit/verify-chain";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { searchAudit } from "@/lib/audit/search-audit";
import { can } from "@/lib/auth/permissions";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Audit" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, "read-audit")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const query = parseAuditQuery(await searchParams);

  // A hand-edited or shared URL may carry a filter the domain refuses: show why beside the field.
  let page: Awaited<ReturnType<typeof searchAudit>> = { items: [], nextCursor: null };
  let errors: FieldErrors | undefined;
  try {
    page = await searchAudit(await db(), { actor, input: { ...query.filters, limit: query.limit } });
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== "invalid") throw error;
    errors = error.fields ?? { q: [error.message] };
  }
  const view = auditQueryString(query.filters, { limit: query.limit });

  return (
    <>
      <PageHeader
        title="Audit"
        description="The append-only, hash-chained record of every change and access decision. Times are in your time zone; exports are in UTC."
        actions={<ExportLinks filters={query.filters} />}
      />
      <div className="space-y-6">
        <VerifyChain />
        <Card title="Filter events">
          <AuditFilters key={view} values={query.form} limit={query.limit} errors={errors} />
        </Card>
        <section aria-labelledby="events-title">
          <h2 id="events-title" className="sr-only">
            Events
          </h2>
          {errors ? (
            <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
              Some filters are not valid: fix them above to see events.
            </p>
          ) : (
            <AuditEventList key={view} initial={page} filters={query.filters} limit={query.limit} />
          )}
        </section>
      </div>
    </>
  );
}
