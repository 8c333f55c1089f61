/**
 * The contract's audit actions (../shared/docs/api.md, outside this repository, so its paragraph is
 * copied here verbatim) are all in lib/audit/audit-actions.ts, each with a detail shape; the module
 * may list more (named in the test, the README having no audit section). Request events carry
 * the request's type, scope, target and requester, always. The OpenAPI document lists the actions
 * from the module.
 */
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/server/api/openapi";
import { AUDIT_ACTIONS, AUDIT_ACTION_TABLE, auditDetailsSchema, requestAboutSchema } from "./audit-actions";

// Verbatim from ../shared/docs/api.md, section "Audit event".
const API_MD_CONTRACT = `Audit actions are a contract too (SIEM rules match on them): \`pam.enabled\`, \`pam.disabled\`,
\`settings.updated\`, \`exclusion.added\`, \`exclusion.removed\`, \`group.updated\`, \`policy.created\`,
\`policy.updated\`, \`policy.deleted\`, \`request.created\`, \`request.approval\` (one approver's approval
on the way to a quorum), \`request.approved\`, \`request.denied\`, \`request.cancelled\`,
\`request.expired\`, \`request.revoked\`, \`request.extended\`, \`access.checked\`, \`task.executed\`,
\`task.blocked\`, \`task.failed\`, \`token.created\`, \`token.revoked\`, \`auth.signed-in\`,
\`auth.signed-out\`, \`auth.refused\`, \`member.added\`, \`member.updated\`, \`member.removed\`,
\`group.created\`, \`group.deleted\`, \`scope.registered\`, \`scope.updated\`, \`scope.removed\`. Events about a request carry its id as \`targetId\`. New actions
may be added; these keep their meaning.`;

const contractActions = [...API_MD_CONTRACT.matchAll(/`([a-z]+\.[a-z-]+)`/g)].map((m) => m[1]!);

describe("audit actions against the contract", () => {
  it("reads the contract's list from the paragraph", () => {
    expect(contractActions).toContain("request.approved");
    expect(contractActions).toHaveLength(34);
  });

  it("has every contract action in the module, with a detail shape", () => {
    expect(contractActions.filter((action) => !Object.hasOwn(AUDIT_ACTION_TABLE, action))).toEqual([]);
  });

  it("adds to the contract only the actions named here (the README has no audit section to document them in)", () => {
    // A new action lands here on purpose: say what it means where the contract's readers look.
    expect(AUDIT_ACTIONS.filter((action) => !contractActions.includes(action))).toEqual([
      "admin.bootstrapped",
      "email.retried",
      "organisation.created",
      "request.released",
      "settings.notifications",
    ]);
  });

  it("requires the request's type, scope, target and requester on every request event", () => {
    const about: Record<string, string> = { type: "task", scope: "Exchange", target: "New-JournalRule", requester: "requester@contoso.com" };
    for (const action of AUDIT_ACTIONS.filter((a) => a.startsWith("request."))) {
      for (const key of Object.keys(requestAboutSchema.shape)) {
        const { [key]: _dropped, ...without } = about;
        expect(auditDetailsSchema(action).safeParse({ ...without, comment: "c", approvals: 1, required: 1 }).success, `${action} without ${key}`).toBe(false);
      }
    }
  });

  it("lists the module's actions in the OpenAPI document: the audit filter and the event schema", () => {
    const document = openApiDocument("http://localhost") as unknown as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
      components: { schemas: { AuditEvent: { properties: { action: { enum: string[] } } } } };
    };
    for (const path of ["/audit", "/audit/export"]) {
      const action = document.paths[path]!.get.parameters.find((p) => p.name === "action")!;
      expect(action.schema.enum).toEqual([...AUDIT_ACTIONS]);
    }
    expect(document.components.schemas.AuditEvent.properties.action.enum).toEqual([...AUDIT_ACTIONS]);
  });
});
