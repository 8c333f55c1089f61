"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { invalidField } from "@/lib/errors";
import { registerScope } from "@/lib/scopes/register-scope";
import { removeScope } from "@/lib/scopes/remove-scope";
import { replaceScopeCatalog } from "@/lib/scopes/replace-scope-catalog";

/* Thin: every rule is the domain's. The catalog arrives as the JSON text an admin pasted or uploaded. */

export const registerScopeAction = action(
  z.object({ name: z.string({ error: "Enter a name for the scope" }), description: z.string().optional() }),
  ({ db, actor, input }) => registerScope(db, { actor, input }),
  { revalidate: ["/settings/scopes"], success: "Scope registered" },
);

export const replaceScopeCatalogAction = action(
  z.object({ name: z.string(), catalog: z.string({ error: "Paste or upload the catalog's JSON" }) }),
  ({ db, actor, input }) => {
    let body: unknown;
    try {
      body = JSON.parse(input.catalog);
    } catch (error) {
      throw invalidField("invalid:json", "catalog", `This is not valid JSON: ${(error as Error).message}`);
    }
    return replaceScopeCatalog(db, { actor, name: input.name, input: body });
  },
  { revalidate: ["/settings/scopes", "/policies"], success: "Catalog saved" },
);

export const removeScopeAction = action(
  z.strictObject({ name: z.string() }),
  ({ db, actor, input }) => removeScope(db, { actor, name: input.name }),
  { revalidate: ["/settings/scopes"], success: "Scope removed" },
);
