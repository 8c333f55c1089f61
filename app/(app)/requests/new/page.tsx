import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { RequestForm } from "@/components/requests/request-form";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { listRequestableTargets } from "@/lib/requests/list-requestable-targets";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Request access" };

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<{ target?: string; type?: string }> }) {
  const actor = await requireActor();
  const [targets, params] = await Promise.all([listRequestableTargets(await db(), { actor }), searchParams]);
  return (
    <>
      <PageHeader
        title="Request access"
        description="Ask for just-in-time, time-bound access. Approvers are emailed and decide in their inbox."
        actions={
          <Link href="/requests" className="text-sm font-medium text-brand-700 hover:underline">
            My requests
          </Link>
        }
      />
      {targets.length === 0 ? (
        <EmptyState title="Nothing you can request">
          No privileged access policy is set up, or none lets you request it (a policy names who may; guests only when named).
          Ask Role Management, or use your standing roles.
        </EmptyState>
      ) : (
        <RequestForm targets={targets} initial={{ target: params.target, type: params.type }} />
      )}
    </>
  );
}
