import { z } from "zod";
import { describeMe } from "@/lib/auth/describe-me";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { endpoint } from "../endpoint";

export const meEndpoints = [
  endpoint({
    method: "GET",
    path: "/me",
    summary: "The caller: email, organisation, roles and approver groups",
    who: "any",
    handle: async ({ actor }) => describeMe(actor),
  }),
  endpoint({
    method: "GET",
    path: "/catalog",
    summary: "A scope's tasks, roles and role groups, and which contains which",
    who: "any",
    query: z.strictObject({ scope: z.string().min(1).default("Exchange") }),
    handle: ({ db, actor, query }) => getCatalog(db, { actor, scope: query.scope }),
  }),
];
