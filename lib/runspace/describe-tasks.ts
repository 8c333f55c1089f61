/**
 * What the runspace offers a person: every task it can run, its parameters described from the
 * handler's zod schema (so the form, the API and the validation never disagree), and what the access
 * decision says for this person right now: allowed (until when, and why) or what they would need.
 *
 * It decides nothing itself: the decision is `decideAccess`, the same one `runTask` takes again at
 * run time, so a task shown as allowed here can still be blocked a minute later (window ended,
 * revoked) and the run says so.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { scopes } from "@/db/schema";
import type { Database } from "@/db/client";
import { type AccessReason, decideAccess } from "@/lib/access/decide-access";
import type { Actor } from "@/lib/auth/roles";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { objectKindOf } from "@/lib/catalog/object-kind-of";
import { DomainError } from "@/lib/errors";
import { type ObjectKindDescription, describeObjectKind, isObjectKind } from "./exchange/object-kinds";
import { redactParameters } from "./redact-parameters";
import { listTaskHandlers } from "./registry";
import type { TaskHandler } from "./task-handler";

export type ParameterType = "string" | "number" | "integer" | "boolean" | "array";

/** One parameter, JSON-schema-like, reduced to what a form needs to render and convert it. */
export interface ParameterSchema {
  type: ParameterType;
  /** For arrays: the type of each entry. */
  items?: { type: "string" | "number" | "integer" };
  enum?: string[];
  /** Words a number parameter takes instead of a number (ResultSize: 1000 or "Unlimited"). */
  alsoAccepts?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /** Never stored or audited in clear: entered in a password field. */
  secret?: boolean;
  /** The kind of workload object it names (the catalog says): the form offers them to pick from. */
  object?: ObjectKindDescription;
}

export interface ParametersSchema {
  type: "object";
  /** In the order the cmdlet declares them. */
  properties: Record<string, ParameterSchema>;
  required: string[];
}

export interface TaskAccess {
  allowed: boolean;
  code: AccessReason;
  reason: string;
  /** When the approved window that allows it ends (ISO), for a grant. */
  endsAt: string | null;
  requestId: string | null;
  /** The policy covering the task, when one does: what a request would be made under. */
  policyId: string | null;
}

export interface RunnableTask {
  scope: string;
  name: string;
  description: string;
  /** The catalog roles holding the task: what a search or a request may name. */
  roles: string[];
  parameters: ParametersSchema;
  access: TaskAccess;
}

export async function describeTasks(db: Database, { actor }: { actor: Actor }): Promise<RunnableTask[]> {
  // Only built-in scopes run here: an external scope's tasks run in its own tool, never in the runspace.
  const builtin = await db
    .select({ name: scopes.name })
    .from(scopes)
    .where(and(eq(scopes.organisationId, actor.organisationId), eq(scopes.kind, "builtin")));
  const runnable = new Set(builtin.map((scope) => scope.name));
  const handlers = listTaskHandlers().filter((handler) => runnable.has(handler.scope));
  const catalogs = await Promise.all([...new Set(handlers.map((h) => h.scope))].map((scope) => catalogOf(db, actor, scope)));
  const catalogTask = new Map(
    catalogs.flatMap((catalog) => (catalog ? catalog.tasks.map((task) => [`${catalog.scope}/${task.name}`, task] as const) : [])),
  );
  // A handler whose task is not in this organisation's catalog cannot be granted or run here.
  const offered = handlers
    .filter((handler) => catalogTask.has(`${handler.scope}/${handler.name}`))
    .sort((a, b) => a.scope.localeCompare(b.scope) || a.name.localeCompare(b.name));

  // One transaction: every decision reads the same clock and the same snapshot.
  const decisions = await db.transaction(async (tx) => {
    const answers = [];
    for (const handler of offered) {
      answers.push(
        await decideAccess(tx, { organisationId: actor.organisationId, userId: actor.userId, scope: handler.scope, task: handler.name }),
      );
    }
    return answers;
  });

  return offered.map((handler, index) => {
    const task = catalogTask.get(`${handler.scope}/${handler.name}`)!;
    const decision = decisions[index]!;
    return {
      scope: handler.scope,
      name: handler.name,
      description: task.description,
      roles: task.roles,
      parameters: describeParameters(handler),
      access: {
        allowed: decision.allowed,
        code: decision.code,
        reason: decision.reason,
        endsAt: decision.endsAt?.toISOString() ?? null,
        requestId: decision.requestId,
        policyId: decision.policyId,
      },
    };
  });
}

async function catalogOf(db: Database, actor: Actor, scope: string) {
  try {
    return await getCatalog(db, { actor, scope });
  } catch (error) {
    // A scope this organisation does not have: none of its tasks are offered.
    if (error instanceof DomainError && error.code === "invalid:scope") return null;
    throw error;
  }
}

type JsonNode = z.core.JSONSchema.JSONSchema;

/** The handler's parameters as the caller writes them (`io: "input"`: before defaults and transforms). */
export function describeParameters(handler: TaskHandler): ParametersSchema {
  const json = z.toJSONSchema(handler.parameters, { io: "input", unrepresentable: "any" }) as JsonNode;
  const shape = handler.parameters.shape as Record<string, z.ZodType>;
  const properties: Record<string, ParameterSchema> = {};
  for (const [name, node] of Object.entries(json.properties ?? {})) {
    if (typeof node !== "object") continue;
    const parameter = describeParameter(node);
    const fallback = defaultOf(shape[name]);
    if (parameter.default === undefined && fallback !== undefined) parameter.default = fallback;
    if (isSecret(name, handler.secretParameters)) parameter.secret = true;
    const kind = objectKindOf(handler.scope, handler.name, name);
    if (kind && isObjectKind(kind)) parameter.object = describeObjectKind(kind);
    properties[name] = parameter;
  }
  return { type: "object", properties, required: (json.required ?? []).filter((name) => name in properties) };
}

/** The secret names `runTask` redacts, asked of the redaction itself so the two never differ. */
function isSecret(name: string, secretNames: string[] | undefined) {
  return redactParameters({ [name]: true }, secretNames)[name] === "[redacted]";
}

/**
 * zod leaves out a default that sits on a transform (`choice(…).default("Enforce")`) when it
 * describes input; the schema itself still knows it.
 */
function defaultOf(schema: z.ZodType | undefined): unknown {
  if (!(schema instanceof z.ZodDefault)) return undefined;
  const value: unknown = schema.def.defaultValue;
  return value === null || ["string", "number", "boolean"].includes(typeof value) || Array.isArray(value) ? value : undefined;
}

const objectNodes = (nodes: (JsonNode | boolean)[] | undefined) => (nodes ?? []).filter((n): n is JsonNode => typeof n === "object");

function describeParameter(node: JsonNode): ParameterSchema {
  // Unions (`a, b` or ["a", "b"]; 1000 or "Unlimited"; an address, "" or null to clear) become the
  // one control that can write every branch; null and "" are what an empty field already means.
  const unionBranches = objectNodes(node.anyOf ?? node.oneOf);
  const branches = (unionBranches.length ? unionBranches : [node]).filter((b) => b.type !== "null" && b.const !== "");
  const typed = (type: string) => branches.find((b) => b.type === type);
  const constants = branches.map((b) => b.const).filter((c): c is string => typeof c === "string");
  const enumValues = node.enum ?? branches.find((b) => b.enum)?.enum;

  const parameter: ParameterSchema = { type: "string" };
  const array = typed("array");
  const numeric = typed("integer") ?? typed("number");
  if (array) {
    const itemType = typeof array.items === "object" && !Array.isArray(array.items) ? array.items.type : undefined;
    parameter.type = "array";
    parameter.items = { type: itemType === "number" || itemType === "integer" ? itemType : "string" };
  } else if (numeric) {
    parameter.type = numeric.type as "integer" | "number";
    if (numeric.minimum !== undefined && Math.abs(numeric.minimum) < Number.MAX_SAFE_INTEGER) parameter.minimum = numeric.minimum;
    if (numeric.maximum !== undefined && Math.abs(numeric.maximum) < Number.MAX_SAFE_INTEGER) parameter.maximum = numeric.maximum;
    if (constants.length) parameter.alsoAccepts = constants;
  } else if (typed("boolean")) {
    parameter.type = "boolean";
  } else {
    const text = typed("string");
    if (text?.maxLength !== undefined) parameter.maxLength = text.maxLength;
    const values = enumValues ?? (constants.length > 1 && constants.length === branches.length ? constants : undefined);
    if (values?.length) parameter.enum = values.map(String);
  }
  if (node.default !== undefined) parameter.default = node.default;
  if (node.description) parameter.description = node.description;
  return parameter;
}
