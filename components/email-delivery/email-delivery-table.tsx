import { LocalTime, RelativeTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { EmailDeliveryFilter, EmailDeliveryMessage } from "@/lib/notify/list-email-delivery";
import { emailKindLabels, statusOf } from "./labels";
import { RetryEmailButton } from "./retry-email-button";

const emptyTitles: Record<EmailDeliveryFilter, string> = {
  all: "No emails yet",
  failed: "No failed emails",
  queued: "Nothing waiting to be sent",
  sent: "No emails sent yet",
};

/** Recent messages with where each stands; a failed one says why and can be sent again. */
export function EmailDeliveryTable({ messages, filter }: { messages: EmailDeliveryMessage[]; filter: EmailDeliveryFilter }) {
  if (messages.length === 0) {
    return (
      <EmptyState title={emptyTitles[filter]}>
        {filter === "failed"
          ? "Every email Resend refused for good shows here, with the reason and a button to send it again."
          : "Emails appear here as requests are made, decided, revoked or expire."}
      </EmptyState>
    );
  }
  return (
    <ScrollRegion label="Emails" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full min-w-[52rem] text-left text-sm">
        <caption className="sr-only">Recent emails, newest first</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2.5">Subject</th>
            <th scope="col" className="px-3 py-2.5">To</th>
            <th scope="col" className="px-3 py-2.5">Status</th>
            <th scope="col" className="px-3 py-2.5">Attempts</th>
            <th scope="col" className="px-3 py-2.5">When</th>
            <th scope="col" className="px-3 py-2.5"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => {
            const status = statusOf(message);
            return (
              <tr key={message.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-3 py-2.5 font-normal">
                  <span className="block font-medium text-slate-900">{message.subject}</span>
                  <span className="block text-xs text-slate-600">{emailKindLabels[message.kind] ?? message.kind}</span>
                  {message.lastError && message.status !== "sent" && (
                    <span className="mt-1 block text-xs text-red-800 wrap-anywhere">{message.lastError}</span>
                  )}
                </th>
                <td className="px-3 py-2.5 text-slate-700 wrap-anywhere">{message.toEmail}</td>
                <td className="px-3 py-2.5">
                  <Badge tone={status.tone}>{status.label}</Badge>
                </td>
                <td className="px-3 py-2.5 tabular-nums text-slate-700">{message.attempts}</td>
                <td className="px-3 py-2.5 text-slate-700">
                  {message.sentAt ? (
                    <>
                      Sent <LocalTime iso={message.sentAt} />
                    </>
                  ) : message.nextAttemptAt ? (
                    <>
                      Next try <RelativeTime iso={message.nextAttemptAt} absolute />
                    </>
                  ) : (
                    <>
                      Queued <LocalTime iso={message.createdAt} />
                    </>
                  )}
                </td>
                <td className="px-3 py-1.5 text-right">
                  {message.status === "failed" && <RetryEmailButton id={message.id} to={message.toEmail} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
