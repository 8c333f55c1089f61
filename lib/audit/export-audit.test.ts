import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { DomainError } from "@/lib/errors";
import { appendAuditEvents } from "./append-audit-event";
import { type ExportAuditInput, prepareAuditExport } from "./export-audit";

async function collect(chunks: AsyncGenerator<string>) {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe.each(testDatabaseKinds)("the audit export on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** The refusal `prepareAuditExport` throws at once, before any chunk could be asked for. */
  const refusalOf = async (email: string, input: ExportAuditInput) => {
    try {
      prepareAuditExport(db(), { actor: await f.actor(email), input });
    } catch (error) {
      return error as DomainError;
    }
    return null;
  };

  it.each([
    [{ since: "yesterday" }, "since"],
    [{ until: "2026-13-45T00:00:00Z" }, "until"],
    [{ since: "0000-01-01T00:00:00Z" }, "since"],
    [{ q: "x".repeat(201) }, "q"],
    [{ action: "a".repeat(101) }, "action"],
    [{ actor: `${"a".repeat(320)}@x.example` }, "actor"],
    [{ targetId: "t".repeat(201) }, "targetId"],
    [{ format: "xml" as never }, "format"],
    [{ colour: "red" } as never, "colour"],
  ])("refuses %j on the field %s before streaming", async (input, field) => {
    const error = await refusalOf("auditor@contoso.com", input);
    expect(error).toBeInstanceOf(DomainError);
    expect(error!.code).toBe("invalid:input");
    expect(Object.keys(error!.fields ?? {})).toContain(field);
  });

  it("refuses a reader who may not read the audit log before streaming", async () => {
    expect((await refusalOf("requester@contoso.com", {}))?.code).toBe("forbidden:read-audit");
  });

  it("streams the filtered log once prepared, as CSV by default or JSON", async () => {
    const actor = await f.actor("auditor@contoso.com");
    const csv = prepareAuditExport(db(), { actor, input: { action: "policy.created" } });
    expect(csv.format).toBe("csv");
    const lines = (await collect(csv.chunks())).trim().split("\n");
    expect(lines[0]).toBe("id,seq,at,actor,actorType,action,targetType,targetId,details,ip,userAgent,prevHash,hash");
    const json = JSON.parse(await collect(prepareAuditExport(db(), { actor, input: { action: "policy.created", format: "json" } }).chunks()));
    expect(json.length).toBe(lines.length - 1);
    expect(json.every((e: { action: string }) => e.action === "policy.created")).toBe(true);
  });

  it("writes cells a spreadsheet would run as formulas as quoted text, and leaves JSON as it was", async () => {
    // OWASP's starts: =, +, -, @, tab and carriage return (and the full-width forms of the first four).
    const hostile = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "\uFF1D1+1"];
    await f.database.db.transaction((tx) =>
      appendAuditEvents(
        tx,
        hostile.map((text) => ({
          organisationId: f.organisationId,
          actor: { type: "user" as const, email: "requester@contoso.com", ip: "203.0.113.9", userAgent: text },
          action: "test.formula",
          targetType: "request",
          targetId: text,
        })),
      ),
    );
    const actor = await f.actor("auditor@contoso.com");
    const csv = await collect(prepareAuditExport(db(), { actor, input: { q: "test.formula" } }).chunks());
    const [header, ...rows] = parse(csv, { relax_column_count: false }) as string[][];
    const column = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(hostile.length);
    expect(rows.map((row) => row[column("userAgent")]).sort()).toEqual(hostile.map((text) => `'${text}`).sort());
    expect(rows.map((row) => row[column("targetId")]).sort()).toEqual(hostile.map((text) => `'${text}`).sort());
    for (const text of hostile) expect(csv).toContain(`"'${text.replaceAll('"', '""')}"`); // quoted, as OWASP asks
    // Harmless cells stay as they were: the header, the address, the action.
    expect(csv.split("\n")[0]).toBe("id,seq,at,actor,actorType,action,targetType,targetId,details,ip,userAgent,prevHash,hash");
    expect(rows.every((row) => row[column("ip")] === "203.0.113.9" && row[column("action")] === "test.formula")).toBe(true);

    const json = JSON.parse(await collect(prepareAuditExport(db(), { actor, input: { q: "test.formula", format: "json" } }).chunks()));
    expect(json.map((e: { userAgent: string }) => e.userAgent).sort()).toEqual([...hostile].sort());
  });
});
