import { type Actor, type Permission, can } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  /** A count shown beside the label (requests waiting in the inbox). */
  badge?: number;
}

const items: (NavItem & { permission?: Permission })[] = [
  { href: "/", label: "Dashboard" },
  { href: "/requests", label: "My requests" },
  { href: "/inbox", label: "Approvals", permission: "requests:approve" },
  { href: "/access", label: "Active access", permission: "access:view-active" },
  { href: "/runspace", label: "Runspace" },
  { href: "/policies", label: "Policies", permission: "policies:manage" },
  { href: "/audit", label: "Audit", permission: "audit:read" },
  { href: "/members", label: "People", permission: "members:view" },
  { href: "/settings", label: "Settings", permission: "settings:manage" },
];

/** The screens this person may open. The pages check again on the server: this only tidies the menu. */
export function navItemsFor(actor: Actor, { inboxCount = 0 }: { inboxCount?: number } = {}): NavItem[] {
  return items
    .filter((item) => !item.permission || can(actor, item.permission))
    .map(({ href, label }) => ({ href, label, badge: href === "/inbox" && inboxCount > 0 ? inboxCount : undefined }));
}
