import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A wide table's own sideways scroller: on a narrow screen the table scrolls inside it and the
 * page never does. It is positioned so the table's screen-reader-only text (absolutely placed)
 * stays inside it too: left to the page, that text alone widened the page to the table's width.
 * A region with a name and a tab stop, so keyboard users can scroll it.
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn("relative max-w-full overflow-x-auto", className)}>
      {children}
    </div>
  );
}
