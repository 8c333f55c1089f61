import { z } from "zod";
import { pageOf } from "@/lib/pagination";
import { getScope } from "@/lib/scopes/get-scope";
import { listScopes } from "@/lib/scopes/list-scopes";
import { registerScope, registerScopeInput } from "@/lib/scopes/register-scope";
import { removeScope } from "@/lib/scopes/remove-scope";
import { replaceScopeCatalog } from "@/lib/scopes/replace-scope-catalog";
import { catalogInput } from "@/lib/scopes/scope-input";
import { listPageQuery } from "./query";
import { endpoint } from "../endpoint";

/**
 * The PUT body is checked whole by the domain (`parseCatalog`), which names bad fields by their
 * path in the body (`roles[2].tasks[0]`); this schema only documents it.
 */
const catalogBody = z.unknown().meta({ ...(z.toJSONSchema(catalogInput, { io: "input", unrepresentable: "any" }) as object) });

/** A catalog at the caps, with descriptions, is well over the default 64 KiB. */
const CATALOG_BODY_BYTES = 2 * 1024 * 1024;

export const scopeEndpoints = [
  endpoint<z.infer<typeof listPageQuery>>({
    method: "GET",
    path: "/scopes",
    summary: "The organisation's scopes, built-in and external, with the size of each catalog",
    who: "any",
    query: listPageQuery,
    handle: async ({ db, actor, query }) => pageOf(await listScopes(db, { actor }), query, (scope) => scope.name),
  }),
  endpoint<Record<string, never>, z.input<typeof registerScopeInput>>({
    method: "POST",
    path: "/scopes",
    summary: "Register an external scope, whose tasks run elsewhere and ask POST /access/check",
    who: "admins",
    body: registerScopeInput,
    status: 201,
    handle: ({ db, actor, body }) => registerScope(db, { actor, input: body }),
  }),
  endpoint({
    method: "GET",
    path: "/scopes/{name}",
    summary: "One scope with its whole catalog",
    who: "any",
    handle: ({ db, actor, params }) => getScope(db, { actor, name: params.name! }),
  }),
  endpoint<Record<string, never>, unknown>({
    method: "PUT",
    path: "/scopes/{name}",
    summary: "Replace an external scope's tasks, roles and role groups in one call; nothing a policy or open request names may disappear",
    who: "admins",
    body: catalogBody,
    maxBodyBytes: CATALOG_BODY_BYTES,
    handle: ({ db, actor, params, body }) => replaceScopeCatalog(db, { actor, name: params.name!, input: body }),
  }),
  endpoint({
    method: "DELETE",
    path: "/scopes/{name}",
    summary: "Remove an unused external scope; built-in scopes stay",
    who: "admins",
    handle: ({ db, actor, params }) => removeScope(db, { actor, name: params.name! }),
  }),
];
