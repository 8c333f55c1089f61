import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { MobileNav } from "@/components/mobile-nav";
import { navItemsFor } from "@/components/nav-items";
import { SignOutForm } from "@/components/sign-out-form";
import { ToastsBelongTo } from "@/components/ui/toasts";
import { db } from "@/db/client";
import { countInbox } from "@/lib/approvals/count-inbox";
import { config } from "@/lib/config";
import { requireActor } from "@/lib/server/auth/current-actor";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const inboxCount = await countInbox(await db(), { actor });
  const items = navItemsFor(actor, { inboxCount });
  const demo = config().demo;
  // Below md the sidebar gives way to a menu button in the header and a drawer (MobileNav).
  return (
    <div className="min-h-screen md:grid md:grid-cols-[12rem_minmax(0,1fr)] lg:grid-cols-[14rem_minmax(0,1fr)]">
      <aside className="hidden border-r border-slate-200 bg-white p-4 md:block md:min-h-screen">
        <div className="mb-6">
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
            Elevate
          </Link>
          <p className="mt-1 text-xs text-slate-500 wrap-anywhere">{actor.organisationName}</p>
        </div>
        <AppNav items={items} />
        {demo && (
          <Link href="/dev/mailbox" className="mt-4 block text-xs text-slate-500 hover:underline">
            Dev mailbox
          </Link>
        )}
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5 md:justify-end md:px-6 lg:px-8">
          <MobileNav items={items} organisationName={actor.organisationName} devMailbox={demo} />
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-700 md:hidden">
            Elevate
          </Link>
          <span className="ml-auto min-w-0 truncate text-sm text-slate-700 md:ml-0" data-testid="signed-in-as">
            {actor.name ?? actor.email}
          </span>
          <SignOutForm action={signOutAction} />
        </header>
        <main className="min-w-0 flex-1 px-4 py-6 md:px-6 lg:px-8">{children}</main>
        <ToastsBelongTo user={`${actor.organisationId}:${actor.userId}`} />
      </div>
    </div>
  );
}
