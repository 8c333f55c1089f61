import { type Permission, can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  /** A count shown beside the label (requests waiting in the inbox). */
  badge?: number;
}

const items: (NavItem & { permission?: Permission })[] = [
  { href: "/", label: "Dashboard" },
  { href: "/requests", label: "My requests" },
  { href: "/inbox", label: "Approvals", permission: "approve-requests" },
  { href: "/access", label: "Active access", permission: "view-active-access" },
  { href: "/runspace", label: "Runspace" },
  { href: "/policies", label: "Policies", permission: "manage-policies" },
  { href: "/audit", label: "Audit", permission: "read-audit" },
  { href: "/members", label: "People", permission: "view-members" },
  { href: "/settings", label: "Settings", permission: "manage-settings" },
  // Everyone's own: a token acts as its owner, with their roles, so it needs none.
  { href: "/settings/tokens", label: "API tokens" },
];

/** The item a path is on: the longest href it is at or under ("/settings/tokens" is not "Settings"). */
export function currentNavItem(items: NavItem[], pathname: string): NavItem | undefined {
  return items
    .filter((item) => (item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
}

/** The screens this person may open. The pages check again on the server: this only tidies the menu. */
export function navItemsFor(actor: Actor, { inboxCount = 0 }: { inboxCount?: number } = {}): NavItem[] {
  return items
    .filter((item) => !item.permission || can(actor, item.permission))
    .map(({ href, label }) => ({ href, label, badge: href === "/inbox" && inboxCount > 0 ? inboxCount : undefined }));
}
