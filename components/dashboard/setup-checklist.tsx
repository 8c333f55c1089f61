import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { SetupChecklist as Checklist } from "@/lib/dashboard/get-setup-checklist";

/** A new organisation's setup steps, each linking to its screen; the dashboard drops it when all are done. */
export function SetupChecklist({ checklist }: { checklist: Checklist }) {
  const done = checklist.items.filter((item) => item.done).length;
  return (
    <Card title="Set up your organisation" className="lg:col-span-3">
      <p className="mb-3 text-sm text-slate-700">
        {done} of {checklist.items.length} done. Each step ticks itself when it is done; this list goes away when they all are.
      </p>
      <ol className="space-y-2" aria-label="Setup checklist">
        {checklist.items.map((item) => (
          <li key={item.key} className="flex items-start gap-3 text-sm" data-done={item.done}>
            <span
              aria-hidden="true"
              className={
                item.done
                  ? "mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-green-600 text-xs font-bold text-white"
                  : "mt-0.5 h-5 w-5 shrink-0 rounded-full ring-2 ring-slate-300"
              }
            >
              {item.done ? "✓" : ""}
            </span>
            <span className="min-w-0">
              <Link href={item.href} className="font-medium text-brand-700 hover:underline">
                {item.label}
              </Link>
              <span className="sr-only">{item.done ? " (done)" : " (to do)"}</span>
              <span className="block text-slate-600">{item.detail}</span>
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
