import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { EmailDeliveryFilter } from "@/lib/notify/list-email-delivery";

const filters: [EmailDeliveryFilter, string][] = [
  ["all", "All"],
  ["failed", "Failed"],
  ["queued", "Queued"],
  ["sent", "Sent"],
];

/** Plain links, so a filtered view has its own address and works without JavaScript. */
export function DeliveryFilter({ current, counts }: { current: EmailDeliveryFilter; counts: Partial<Record<EmailDeliveryFilter, number>> }) {
  return (
    <nav aria-label="Filter emails" className="flex flex-wrap gap-2">
      {filters.map(([value, label]) => (
        <Link
          key={value}
          href={value === "all" ? "/settings/email" : `/settings/email?filter=${value}`}
          aria-current={current === value ? "page" : undefined}
          className={cn(
            "rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset",
            current === value ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
          )}
        >
          {label}
          {counts[value] !== undefined && <span className="ml-1 tabular-nums">({counts[value]})</span>}
        </Link>
      ))}
    </nav>
  );
}
