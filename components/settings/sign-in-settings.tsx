"use client";

import { updateSignInSettingsAction } from "@/app/(app)/settings/sign-in-actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/field";
import { useKeptForm } from "./use-kept-form";

/**
 * Who may sign in: the Entra tenants this organisation believes, and just-in-time membership
 * (people of these email domains or Entra tenants become plain members, no roles, on their first
 * sign-in). Only Global Administrators change it; others see it.
 */
export function SignInSettings({
  jitEmailDomains,
  jitEntraTenantIds,
  entraTenantIds,
  canManage,
  entraConfigured,
}: {
  jitEmailDomains: string[];
  jitEntraTenantIds: string[];
  entraTenantIds: string[];
  canManage: boolean;
  entraConfigured: boolean;
}) {
  const { formAction, ref, onSubmit, pending, errors } = useKeptForm(updateSignInSettingsAction);
  return (
    <Card title="Sign-in">
      <p className="mb-4 max-w-2xl text-sm text-slate-700">
        Members sign in with a magic link by email{entraConfigured ? " or with Microsoft Entra ID" : ""}. An Entra sign-in is
        believed only from the trusted tenants below and the just-in-time ones. Anyone who is not a member is refused, unless
        their address&apos;s domain or their Entra tenant is listed for just-in-time membership: then their first sign-in makes
        them a plain member, with no roles, and it is audited. A domain admits exactly that domain, not its subdomains; a
        tenant&apos;s guests are never admitted this way.{" "}
        {canManage ? "" : "Only Global Administrators change these lists."}
      </p>
      <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate aria-label="Sign-in settings">
        <fieldset disabled={!canManage} className="grid gap-5 sm:grid-cols-2">
          <TextAreaField
            name="entraTenantIds"
            label="Trusted Entra tenant ids"
            hint="Entra tenants whose people may sign in here; empty: the tenant of this deployment's app registration. One a line: the tenant's id (a GUID), from the Entra admin center's overview."
            rows={4}
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={entraTenantIds.join("\n")}
            errors={errors?.entraTenantIds}
            className="sm:col-span-2"
          />
          <TextAreaField
            name="jitEmailDomains"
            label="Just-in-time email domains"
            hint="One a line, such as contoso.com. No wildcards. Through Entra, only an address the tenant has verified counts."
            rows={4}
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={jitEmailDomains.join("\n")}
            errors={errors?.jitEmailDomains}
          />
          <TextAreaField
            name="jitEntraTenantIds"
            label="Just-in-time Entra tenant ids"
            hint="One a line. Their people (not their guests) become members on their first sign-in; these tenants are trusted too."
            rows={4}
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={jitEntraTenantIds.join("\n")}
            errors={errors?.jitEntraTenantIds}
          />
        </fieldset>
        {canManage && (
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Saving…" : "Save sign-in settings"}
          </Button>
        )}
      </form>
    </Card>
  );
}
