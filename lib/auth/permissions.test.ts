import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, type Permission, authorize, can } from "./permissions";
import type { Actor } from "./roles";

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

const people = {
  "Global Administrator": { ...base, roles: ["global_admin"] },
  "Role Management": { ...base, roles: ["role_management"] },
  Auditor: { ...base, roles: ["auditor"] },
  Approver: { ...base, approverGroups: group },
  Requestor: base,
  "Guest in an approver group": { ...base, kind: "guest", approverGroups: group },
} satisfies Record<string, Actor>;
type Person = keyof typeof people;

const admins: Person[] = ["Global Administrator", "Role Management"];

/**
 * Who holds each permission, written out by hand: the specification the table in permissions.ts
 * is held to. A permission added there without a row here fails the first test.
 */
const holders: Record<Permission, Person[]> = {
  "manage-policies": admins,
  "manage-settings": admins,
  "manage-sign-in-settings": ["Global Administrator"],
  "manage-scopes": admins,
  "email-delivery": admins,
  "read-audit": [...admins, "Auditor"],
  "view-members": admins,
  "manage-members": ["Global Administrator"],
  "approve-requests": ["Approver"],
  "view-active-access": [...admins, "Approver"],
  "list-requests": [...admins, "Auditor"],
  revoke: admins,
  "check-others": admins,
  "request-stats": admins,
};

describe("the permission table", () => {
  it("has a row of holders for every permission, and no other", () => {
    expect(Object.keys(holders).sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  it.each(ALL_PERMISSIONS)("%s is held by exactly the people it names", (permission) => {
    const holding = (Object.keys(people) as Person[]).filter((person) => can(people[person], permission));
    expect(holding).toEqual(holders[permission]);
  });

  it.each(ALL_PERMISSIONS)("authorize refuses %s with forbidden:<permission> and a sentence naming who holds it", (permission) => {
    expect(() => authorize(people.Requestor, permission)).toThrow(expect.objectContaining({ code: `forbidden:${permission}`, message: expect.stringMatching(/^Only |administrators/) }));
    const holder = people[holders[permission][0]!];
    expect(() => authorize(holder, permission)).not.toThrow();
  });
});
