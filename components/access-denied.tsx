import Link from "next/link";
import { Card } from "./ui/card";

/** What a person sees on a screen their roles do not open: a clear refusal, not a broken page. */
export function AccessDenied({ screen, needs }: { screen: string; needs: string }) {
  return (
    <Card className="max-w-xl">
      <h1 className="text-lg font-semibold text-slate-900">You don&apos;t have access to {screen}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {screen} is open to {needs}. If you need it for your work, ask a Global Administrator.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </Card>
  );
}

/**
 * Which screen a refused path is, and who it is open to: app/(app)/forbidden.tsx takes no props, so
 * it reads them from the path (pages call `forbidden()`, which answers HTTP 403). Longest prefix first.
 */
const deniedScreens: { path: string; screen: string; needs: string }[] = [
  { path: "/settings/email", screen: "Email delivery", needs: "Role Management and Global Administrators" },
  { path: "/settings", screen: "Settings", needs: "Role Management and Global Administrators" },
  { path: "/policies", screen: "Policies", needs: "Role Management and Global Administrators" },
  { path: "/audit", screen: "Audit", needs: "Auditors, Role Management and Global Administrators" },
  { path: "/access", screen: "Active access", needs: "approvers and administrators" },
  { path: "/members", screen: "People", needs: "Role Management and Global Administrators" },
  { path: "/inbox", screen: "Approvals", needs: "members of an approver group" },
];

export function deniedScreenOf(path: string | null) {
  const pathname = (path ?? "").split(/[?#]/)[0] ?? "";
  return (
    deniedScreens.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`)) ?? {
      screen: "this page",
      needs: "people whose roles include it",
    }
  );
}
