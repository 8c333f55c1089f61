import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { ApproverGroups } from "@/components/settings/approver-groups";
import { ExclusionsForm } from "@/components/settings/exclusions-form";
import { LimitsForm } from "@/components/settings/limits-form";
import { PamSettings } from "@/components/settings/pam-settings";
import { SignInSettings } from "@/components/settings/sign-in-settings";
import { Card } from "@/components/ui/card";
import { db } from "@/db/client";
import { listApproverGroups } from "@/lib/approver-groups/list-approver-groups";
import { can } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { listMembers } from "@/lib/members/list-members";
import { requireActor } from "@/lib/server/auth/current-actor";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

const sections = [
  ["pam", "PAM"],
  ["exclusions", "Excluded accounts"],
  ["limits", "Limits"],
  ["sign-in", "Sign-in"],
  ["groups", "Approver groups"],
  ["people", "People"],
] as const;

const tokensLink = (
  <Link
    href="/settings/tokens"
    className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
  >
    API tokens
  </Link>
);

export default async function Page() {
  const actor = await requireActor();
  // 403, and app/(app)/forbidden.tsx says who it is open to; everyone's own API tokens stay open
  // at /settings/tokens, in everyone's menu.
  if (!can(actor, "manage-settings")) forbidden();
  const database = await db();
  const [settings, groups, members] = await Promise.all([
    getSettings(database, { actor }),
    listApproverGroups(database, { actor }),
    listMembers(database, { actor }),
  ]);
  const active = members.filter((m) => !m.disabled);
  // Disabled members stay listed here: dropping them would silently end their exclusion on save.
  const pickable = members.map((m) => ({ email: m.email, name: m.name, note: m.disabled ? "disabled" : m.kind === "guest" ? "guest" : undefined }));
  const approvers = active.filter((m) => m.kind === "member").map((m) => ({ email: m.email, name: m.name }));
  const mayManageJit = can(actor, "manage-sign-in-settings");

  return (
    <>
      <PageHeader
        title="Settings"
        description={`PAM, approver groups and people of ${settings.organisation}. Every change is audited.`}
        actions={tokensLink}
      />
      <nav aria-label="Settings sections" className="mb-6">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`} className="font-medium text-brand-700 hover:underline">
                {label}
              </a>
            </li>
          ))}
          <li>
            <Link href="/settings/scopes" className="font-medium text-brand-700 hover:underline">
              Scopes
            </Link>
          </li>
          <li>
            <Link href="/settings/tokens" className="font-medium text-brand-700 hover:underline">
              API tokens
            </Link>
          </li>
          <li>
            <Link href="/settings/email" className="font-medium text-brand-700 hover:underline">
              Email delivery
            </Link>
          </li>
        </ul>
      </nav>
      <div className="space-y-6">
        <div id="pam" className="scroll-mt-6">
          <PamSettings
            pamEnabled={settings.pamEnabled}
            defaultApproverGroup={settings.defaultApproverGroup}
            groups={groups.map((g) => g.name)}
          />
        </div>
        <div id="exclusions" className="scroll-mt-6">
          <ExclusionsForm members={pickable} excluded={settings.excludedAccounts} />
        </div>
        <div id="limits" className="scroll-mt-6">
          <LimitsForm settings={settings} />
        </div>
        <div id="sign-in" className="scroll-mt-6">
          <SignInSettings
            jitEmailDomains={settings.jitEmailDomains}
            jitEntraTenantIds={settings.jitEntraTenantIds}
            entraTenantIds={settings.entraTenantIds}
            canManage={mayManageJit}
            entraConfigured={Boolean(config().entraId)}
          />
        </div>
        <div id="groups" className="scroll-mt-6">
          <ApproverGroups groups={groups} members={approvers} />
        </div>
        <div id="people" className="scroll-mt-6">
          <Card title="People">
            <p className="mb-3 max-w-2xl text-sm text-slate-700">
              {members.length} member{members.length === 1 ? "" : "s"}. Add people by hand or from a CSV file, and set their app
              roles and standing role groups, on the People screen.
            </p>
            <Link href="/members" className="text-sm font-medium text-brand-700 hover:underline">
              Open People
            </Link>
          </Card>
        </div>
      </div>
    </>
  );
}
