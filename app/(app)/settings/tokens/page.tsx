import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { TokenList } from "@/components/settings/token-list";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/server/auth/current-actor";
import { listTokens } from "@/lib/tokens/list-tokens";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

/** Every member's own page: personal tokens need no admin role (each acts as its owner). */
export default async function Page() {
  const actor = await requireActor();
  const tokens = await listTokens(await db(), { actor });
  return (
    <>
      {can(actor, "manage-settings") && (
        <nav aria-label="Breadcrumb" className="mb-2 text-sm">
          <Link href="/settings" className="font-medium text-brand-700 hover:underline">
            Settings
          </Link>
          <span className="text-slate-600"> / API tokens</span>
        </nav>
      )}
      <PageHeader
        title="API tokens"
        description="Personal tokens for the Elevate API and the elevate command line. Each acts as you, with your roles, and every call is audited as made with it."
      />
      <div className="space-y-6">
        <CreateTokenForm />
        <section aria-labelledby="your-tokens" className="space-y-3">
          <h2 id="your-tokens" className="text-base font-semibold text-slate-900">
            Your tokens
          </h2>
          <TokenList tokens={tokens} />
          <p className="text-sm text-slate-600">
            Use a token as <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code>, or set{" "}
            <code className="rounded bg-slate-100 px-1">ELEVATE_TOKEN</code> for the command line. The API is described in{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-brand-700 hover:underline">
              its OpenAPI document
            </a>
            .
          </p>
        </section>
      </div>
    </>
  );
}
