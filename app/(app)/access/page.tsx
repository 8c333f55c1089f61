import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ActiveAccessList } from "@/components/access/active-access-list";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { listActiveGrants } from "@/lib/requests/list-active-grants";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Active access" };

export default async function ActiveAccessPage() {
  const actor = await requireActor();
  if (!can(actor, "view-active-access")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const grants = await listActiveGrants(await db(), { actor });
  return (
    <>
      <PageHeader
        title="Active access"
        description={
          can(actor, "revoke")
            ? "Every open access window in your organisation. Revoking one ends it now: the next run is blocked."
            : "Open access windows granted under the policies your approver groups decide. Revoking one ends it now: the next run is blocked."
        }
      />
      {grants.length === 0 ? (
        // Focusable by script: the keyboard lands here after revoking the last window (RevokeDialog).
        <div id="open-windows-summary" tabIndex={-1}>
          <EmptyState title="No one holds privileged access right now">
            Approved windows appear here while they are open.{" "}
            {can(actor, "approve-requests") && (
              <>
                Requests waiting for a decision are in your{" "}
                <Link href="/inbox" className="font-medium text-brand-700 underline hover:text-brand-900">
                  approvals inbox
                </Link>
                .
              </>
            )}
          </EmptyState>
        </div>
      ) : (
        <ActiveAccessList grants={grants} />
      )}
    </>
  );
}
