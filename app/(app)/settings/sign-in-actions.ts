"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { DomainError } from "@/lib/errors";
import { updateSettings } from "@/lib/settings/update-settings";

/** A textarea of entries: one a line, or separated by commas, semicolons or spaces. */
const entries = z
  .string()
  .optional()
  .transform((value) => (value ?? "").split(/[\s,;]+/).filter(Boolean));

/**
 * The Sign-in card: trusted Entra tenants and just-in-time membership. The domain's errors name entries by position
 * (`jitEmailDomains.2`); the form shows them under its one field, naming the entry that is wrong.
 */
export const updateSignInSettingsAction = action(
  z.object({ entraTenantIds: entries, jitEmailDomains: entries, jitEntraTenantIds: entries }),
  async ({ db, actor, input }) => {
    try {
      return await updateSettings(db, { actor, input });
    } catch (error) {
      if (!(error instanceof DomainError) || !error.fields) throw error;
      const fields: Record<string, string[]> = {};
      for (const [key, messages] of Object.entries(error.fields)) {
        const [field, index] = key.split(".") as [keyof typeof input, string | undefined];
        const typed = index === undefined ? undefined : input[field]?.[Number(index)];
        const entry = typed && typed.length > 60 ? `${typed.slice(0, 57)}…` : typed;
        (fields[field] ??= []).push(...messages.map((message) => (entry === undefined ? message : `“${entry}” ${message}.`)));
      }
      throw new DomainError(error.code, error.message, fields, error.details);
    }
  },
  { revalidate: ["/settings"], success: "Sign-in settings saved" },
);
