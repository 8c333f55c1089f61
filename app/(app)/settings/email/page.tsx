import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryFilter } from "@/components/email-delivery/delivery-filter";
import { EmailDeliveryTable } from "@/components/email-delivery/email-delivery-table";
import { NotificationSettingsForm } from "@/components/email-delivery/notification-settings-form";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { type EmailDeliveryFilter, emailDeliveryFilters, listEmailDelivery } from "@/lib/notify/list-email-delivery";
import { getNotificationSettings } from "@/lib/notify/notification-settings";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Email delivery" };
export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ filter?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "manage-settings")) forbidden(); // 403, and app/(app)/forbidden.tsx says who it is open to
  const { filter: asked } = await searchParams;
  const filter = emailDeliveryFilters.find((f) => f === asked) ?? ("all" satisfies EmailDeliveryFilter);
  const database = await db();
  const [delivery, settings] = await Promise.all([
    listEmailDelivery(database, { actor, filter }),
    getNotificationSettings(database, { actor }),
  ]);
  const { counts } = delivery;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings" className="font-medium text-brand-700 hover:underline">
          Settings
        </Link>
        <span className="text-slate-600"> / Email delivery</span>
      </nav>
      <PageHeader
        title="Email delivery"
        description="Every notification email is queued with the change that causes it and sent through Resend, retried when Resend is busy or down. Emails it refuses for good are listed as failed: fix the cause, then retry them."
      />
      <div className="space-y-6">
        {delivery.provider === "none" && (
          <Card>
            <p className="text-sm text-slate-700">
              No email provider is configured (<code className="rounded bg-slate-100 px-1">RESEND_API_KEY</code>), so nothing is
              sent.{" "}
              {delivery.devMailbox ? (
                <>
                  Emails are kept in the{" "}
                  <Link href="/dev/mailbox" className="font-medium text-brand-700 hover:underline">
                    dev mailbox
                  </Link>{" "}
                  instead.
                </>
              ) : (
                "Set it, with EMAIL_FROM, to send notifications."
              )}
            </p>
          </Card>
        )}
        <section aria-labelledby="emails" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="emails" className="text-base font-semibold text-slate-900">
              Recent emails
            </h2>
            <DeliveryFilter
              current={filter}
              counts={{ failed: counts.failed, queued: counts.pending + counts.sending, sent: counts.sent }}
            />
          </div>
          <EmailDeliveryTable messages={delivery.messages} filter={filter} />
        </section>
        <Card title="Email events">
          <NotificationSettingsForm settings={settings} />
        </Card>
      </div>
    </>
  );
}
