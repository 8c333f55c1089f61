import { z } from "zod";
import { createToken, createTokenInput } from "@/lib/tokens/create-token";
import { listTokensPage } from "@/lib/tokens/list-tokens";
import { revokeToken } from "@/lib/tokens/revoke-token";
import { listPageQuery } from "./query";
import { endpoint } from "../endpoint";

export const tokenEndpoints = [
  endpoint<z.infer<typeof listPageQuery>>({
    method: "GET",
    path: "/tokens",
    summary: "The caller's API tokens, newest first (never the tokens themselves)",
    who: "any, for themselves",
    query: listPageQuery,
    handle: ({ db, actor, query }) => listTokensPage(db, { actor, input: query }),
  }),
  endpoint<Record<string, never>, z.input<typeof createTokenInput>>({
    method: "POST",
    path: "/tokens",
    summary: "Create a personal API token: shown once, in this answer",
    who: "any, for themselves",
    body: createTokenInput,
    status: 201,
    handle: ({ db, actor, body }) => createToken(db, { actor, input: body }),
  }),
  endpoint({
    method: "DELETE",
    path: "/tokens/{id}",
    summary: "Revoke one of the caller's tokens",
    who: "any, for themselves",
    handle: ({ db, actor, params }) => revokeToken(db, { actor, tokenId: params.id! }),
  }),
];
