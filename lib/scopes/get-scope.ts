import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { findScope } from "./find-scope";
import { scopeObjectOf } from "./scope-view";

/** One scope with its whole catalog (`GET /scopes/{name}`): any member may read what can be requested. */
export async function getScope(db: Database, { actor, name }: { actor: Actor; name: string }) {
  const scope = await findScope(db, actor.organisationId, name);
  return scopeObjectOf(db, actor, scope);
}
