import { describe, expect, it } from "vitest";
import { type Actor, type Permission, can } from "./roles";

const base: Actor = {
  userId: "u",
  email: "u@contoso.com",
  name: null,
  organisationId: "o",
  organisationName: "Contoso",
  kind: "member",
  roles: [],
  excludedFromPam: false,
  approverGroups: [],
  standingRoleGroups: [],
};
const group = [{ id: "g", name: "PAM Approvers" }];

const people: Record<string, Actor> = {
  "Global Administrator": { ...base, roles: ["global_admin"] },
  "Role Management": { ...base, roles: ["role_management"] },
  Auditor: { ...base, roles: ["auditor"] },
  Approver: { ...base, approverGroups: group },
  Requestor: base,
  "Guest in an approver group": { ...base, kind: "guest", approverGroups: group },
};

// Each row: person, then whether they may [manage policies, manage settings, read audit, approve, view active access].
const matrix: [string, boolean[]][] = [
  ["Global Administrator", [true, true, true, false, true]],
  ["Role Management", [true, true, true, false, true]],
  ["Auditor", [false, false, true, false, false]],
  ["Approver", [false, false, false, true, true]],
  ["Requestor", [false, false, false, false, false]],
  ["Guest in an approver group", [false, false, false, false, false]],
];
const permissions: Permission[] = [
  "policies:manage",
  "settings:manage",
  "audit:read",
  "requests:approve",
  "access:view-active",
];

describe("who may do what", () => {
  it.each(matrix)("%s", (person, expected) => {
    expect(permissions.map((permission) => can(people[person]!, permission))).toEqual(expected);
  });
});

describe("who may see and manage members", () => {
  it.each([
    ["Global Administrator", true, true],
    ["Role Management", true, false],
    ["Auditor", false, false],
    ["Approver", false, false],
    ["Requestor", false, false],
    ["Guest in an approver group", false, false],
  ] as const)("%s: view %s, manage %s", (person, view, manage) => {
    expect([can(people[person]!, "members:view"), can(people[person]!, "members:manage")]).toEqual([view, manage]);
  });
});
