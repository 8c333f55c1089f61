import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { navItemsFor } from "@/components/nav-items";
import { Button } from "@/components/ui/button";
import { db } from "@/db/client";
import { countInbox } from "@/lib/approvals/count-inbox";
import { requireActor } from "@/lib/auth/current-actor";
import { config } from "@/lib/config";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const inboxCount = await countInbox(await db(), { actor });
  return (
    <div className="min-h-screen md:grid md:grid-cols-[14rem_1fr]">
      <aside className="border-b border-slate-200 bg-white p-3 md:min-h-screen md:border-r md:border-b-0 md:p-4">
        <div className="mb-3 flex items-center justify-between md:mb-6 md:block">
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
            Elevate
          </Link>
          <p className="text-xs text-slate-500 md:mt-1">{actor.organisationName}</p>
        </div>
        <AppNav items={navItemsFor(actor, { inboxCount })} />
        {config().demo && (
          <Link href="/dev/mailbox" className="mt-4 hidden text-xs text-slate-500 hover:underline md:block">
            Dev mailbox
          </Link>
        )}
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2.5 md:px-8">
          <span className="truncate text-sm text-slate-700" data-testid="signed-in-as">
            {actor.name ?? actor.email}
          </span>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary">
              Sign out
            </Button>
          </form>
        </header>
        <main className="flex-1 px-4 py-6 md:px-8">{children}</main>
      </div>
    </div>
  );
}
