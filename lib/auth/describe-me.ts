import { type Actor, describeActor } from "./roles";

/** GET /me: the caller as scripts see them. */
export function describeMe(actor: Actor) {
  return {
    email: actor.email,
    name: actor.name,
    organisation: actor.organisationName,
    roles: actor.roles,
    labels: describeActor(actor),
    kind: actor.kind,
    groups: actor.approverGroups.map((g) => g.name),
    standingRoleGroups: actor.standingRoleGroups,
    excludedFromPam: actor.excludedFromPam,
  };
}
