import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { LocalTime } from "@/components/time/local-time";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { listDevMailbox } from "@/lib/notify/list-dev-mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };

/** Links in a previewed email open in the app, not inside the frame; the base goes in the head. */
function withBase(html: string) {
  const base = '<base target="_top">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`;
}
export const dynamic = "force-dynamic";

export default async function DevMailboxPage() {
  const messages = await listDevMailbox(await db());
  if (!messages) notFound();
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader
        title="Dev mailbox"
        description="No email provider is configured, so Elevate keeps its emails here. Demo mode only."
        actions={
          <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
            Back to Elevate
          </Link>
        }
      />
      {messages.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No messages yet. Ask for a sign-in link or make a request, and its email appears here.</p>
        </Card>
      ) : (
        <ul className="space-y-3">
          {messages.map((message) => (
            <li key={message.id}>
              <Card>
                <details>
                  <summary className="cursor-pointer">
                    <span className="font-medium text-slate-900 wrap-anywhere">{message.subject}</span>
                    <span className="block text-xs text-slate-500 wrap-anywhere">
                      To {message.toEmail} · <LocalTime iso={message.createdAt.toISOString()} seconds />
                    </span>
                  </summary>
                  {/*
                   * The frame is sandboxed without allow-same-origin, so the page cannot measure the
                   * email inside it: it starts tall enough for Elevate's emails (32rem) and the person
                   * can drag it taller or shorter.
                   */}
                  <div className="mt-3 h-[32rem] min-h-48 resize-y overflow-hidden rounded border border-slate-200 bg-white pb-3" data-testid="email-preview">
                    <iframe
                      title={`HTML of “${message.subject}”`}
                      sandbox="allow-top-navigation-by-user-activation allow-popups"
                      srcDoc={withBase(message.html)}
                      className="block h-full w-full"
                    />
                  </div>
                  <pre className="mt-3 whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs text-slate-700">{message.text}</pre>
                </details>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
