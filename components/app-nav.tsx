"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type NavItem, currentNavItem } from "./nav-items";
import { cn } from "./ui/cn";

/** The main menu, one screen a line: in the sidebar from the md breakpoint, in the phone's drawer below it. */
export function AppNav({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  const currentItem = currentNavItem(items, pathname);
  return (
    <nav aria-label="Main">
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const current = item === currentItem;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={current ? "page" : undefined}
                aria-label={item.badge !== undefined ? `${item.label}, ${item.badge} waiting` : undefined}
                className={cn(
                  "flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm font-medium",
                  current ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                {item.label}
                {item.badge !== undefined && (
                  <span className="rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">{item.badge}</span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
