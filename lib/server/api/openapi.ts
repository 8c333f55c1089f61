/**
 * The OpenAPI 3.1 document of API v1, generated from the very zod schemas that validate requests,
 * so the documentation cannot drift from what the server accepts.
 */
import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { config } from "@/lib/config";
import { DomainError } from "@/lib/errors";
import packageJson from "@/package.json" with { type: "json" };
import type { Endpoint } from "./endpoint";
import { endpoints } from "./endpoints";
import { errorResponse } from "./errors";

/** Where the document is, under /api/v1: public, GET (and HEAD) only. */
export const OPENAPI_PATH = "/openapi.json";

const toSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["forbidden:approve-own-request"] },
        message: { type: "string" },
        fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
        details: {
          type: "object",
          description: "What a script may act on: for `conflict:request-exists`, the `requestId` and `status` of the request that already exists",
        },
      },
    },
  },
};

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
const retryAfter = {
  "Retry-After": { description: "Seconds to wait before calling again", schema: { type: "integer", minimum: 1 } },
};

/** The answers every endpoint may give besides its own success, as the contract lists them. */
const commonResponses = {
  "400": { description: "Invalid input (`invalid:...`), with `fields` naming what is wrong", content: errorContent },
  "401": { description: "No token, or one that is unknown, expired or revoked (`unauthorized:token`)", content: errorContent },
  "429": { description: "Too many calls from this token or address (`rate-limited:...`)", headers: retryAfter, content: errorContent },
  "503": { description: "The database cannot be reached (`unavailable:database`)", headers: retryAfter, content: errorContent },
  default: { description: "The contract's error: 403 forbidden, 404 not found, 409 conflict", content: errorContent },
};

/** An audit event as the audit endpoints answer it; its action one of lib/audit/audit-actions.ts. */
const auditEventSchema = {
  type: "object",
  required: ["id", "at", "actor", "actorType", "action", "details", "hash", "prevHash"],
  properties: {
    id: { type: "string" },
    at: { type: "string", format: "date-time" },
    actor: { type: "string", description: "The actor's email, or `system`" },
    actorType: { enum: ["user", "token", "system"] },
    action: { type: "string", enum: [...AUDIT_ACTIONS], description: "New actions may be added; these keep their meaning." },
    targetType: { type: ["string", "null"] },
    targetId: { type: ["string", "null"], description: "A request's id for events about a request" },
    details: { type: "object" },
    ip: { type: ["string", "null"] },
    userAgent: { type: ["string", "null"] },
    hash: { type: "string" },
    prevHash: { type: "string" },
  },
};

/** The contract's list shape, for endpoints that take `limit` and `cursor`. */
const listSchema = {
  type: "object",
  required: ["items", "nextCursor"],
  properties: {
    items: { type: "array", items: {} },
    nextCursor: { type: ["string", "null"], description: "Pass as `cursor` for the next page; null on the last" },
  },
};

const queryPropertiesOf = (e: Endpoint) => (e.query ? ((toSchema(e.query).properties ?? {}) as Record<string, unknown>) : {});

/** An endpoint is a list when it takes the contract's `limit` and `cursor`. */
export const isList = (e: Endpoint) => e.method === "GET" && "limit" in queryPropertiesOf(e) && "cursor" in queryPropertiesOf(e);

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const parameters = [
      ...[...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } })),
      ...Object.entries(queryPropertiesOf(e)).map(([name, schema]) => ({
        name,
        in: "query",
        required: false,
        // The router reads `?name=` as the parameter left out.
        allowEmptyValue: true,
        description: "Empty (`?name=`) is the same as leaving it out.",
        schema,
      })),
    ];
    const success = isList(e)
      ? {
          description: "One page of the list",
          content: {
            "application/json": {
              schema:
                e.path === "/audit"
                  ? { ...listSchema, properties: { ...listSchema.properties, items: { type: "array", items: { $ref: "#/components/schemas/AuditEvent" } } } }
                  : listSchema,
            },
          },
        }
      : { description: "Success" };
    (paths[e.path] ??= {})[e.method.toLowerCase()] = {
      summary: e.summary,
      description: `Who: ${e.who}.`,
      parameters,
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(e.body) } } } } : {}),
      responses: { [String(e.status ?? 200)]: success, ...commonResponses },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Elevate API", version: `v1 (${packageJson.version})`, description: "Just-in-time privileged access: the admin center's twin." },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (elv_…)" } },
      schemas: { Error: errorSchema, AuditEvent: auditEventSchema },
    },
    paths,
  };
}

/** The document for GET and HEAD; for any other method, the contract's 405 with Allow. */
export function openApiAnswer(method: string): Response {
  if (method === "GET" || method === "HEAD") {
    return Response.json(openApiDocument(config().publicUrl), { headers: { "cache-control": "public, max-age=300" } });
  }
  const allow = "GET, HEAD";
  return errorResponse(new DomainError("invalid:method", `${method} is not allowed on ${OPENAPI_PATH}: use ${allow}.`, undefined, { allow }));
}
