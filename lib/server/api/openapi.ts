/**
 * The OpenAPI 3.1 document of API v1, generated from the very zod schemas that validate requests,
 * so the documentation cannot drift from what the server accepts.
 */
import { z } from "zod";
import packageJson from "@/package.json" with { type: "json" };
import { endpoints } from "./endpoints";

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
      },
    },
  },
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const parameters = [
      ...[...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } })),
      ...Object.entries((e.query ? toSchema(e.query).properties : {}) as Record<string, unknown>).map(([name, schema]) => ({
        name,
        in: "query",
        required: false,
        schema,
      })),
    ];
    (paths[e.path] ??= {})[e.method.toLowerCase()] = {
      summary: e.summary,
      description: `Who: ${e.who}.`,
      parameters,
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(e.body) } } } } : {}),
      responses: {
        [String(e.status ?? 200)]: { description: "Success" },
        default: { description: "The contract's error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Elevate API", version: `v1 (${packageJson.version})`, description: "Just-in-time privileged access: the admin center's twin." },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (elv_…)" } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
