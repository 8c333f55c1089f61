/**
 * Every audit action has a label a person can read, and every action the code writes is in the
 * list: a new action without a label would show its raw id on the dashboard again.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, auditActionLabel, auditEventSubject } from "./audit-actions";

/** The domain's source files (tests aside): where audit events are written. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("audit action labels", () => {
  it("give every known action a label of its own that is not its id", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_LABELS[action], action).toMatch(/^[A-Z]/);
      expect(auditActionLabel(action)).not.toBe(action);
    }
    expect(new Set(Object.values(AUDIT_ACTION_LABELS)).size).toBe(AUDIT_ACTIONS.length);
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("know every action the code writes: each `area.verb` literal of an audit area in lib/ and db/", () => {
    const areas = new Set(AUDIT_ACTIONS.map((action) => action.slice(0, action.indexOf("."))));
    const written = new Set<string>();
    for (const file of [...sourceFiles("lib"), ...sourceFiles("db")]) {
      for (const [, literal, area] of readFileSync(file, "utf8").matchAll(/["'`]((\w+)\.[a-z][a-z-]*)["'`]/g)) {
        if (areas.has(area!)) written.add(literal!);
      }
    }
    // The scan finds what the list names (it sees the writes), and nothing the list lacks.
    expect(written.has("request.approved") && written.has("pam.enabled") && written.has("task.blocked")).toBe(true);
    expect([...written].filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action)).sort()).toEqual([]);
  });

  it("show an action from a newer version as it is, and name what an event is about", () => {
    expect(auditActionLabel("request.approved")).toBe("Approved a request");
    expect(auditActionLabel("widget.frobbed")).toBe("widget.frobbed");
    expect(auditEventSubject({ target: "New-JournalRule", type: "task" })).toBe("New-JournalRule");
    expect(auditEventSubject({ task: "Get-Mailbox" })).toBe("Get-Mailbox");
    expect(auditEventSubject({ changed: {} })).toBeNull();
    expect(auditEventSubject(null)).toBeNull();
  });
});
