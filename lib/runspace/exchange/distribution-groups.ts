/** New-DistributionGroup, Add-DistributionGroupMember. */
import { and, asc, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { exchangeDistributionGroupMembers, exchangeDistributionGroups } from "@/db/schema";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { DomainError, invalidField } from "@/lib/errors";
import { type Workload, defineTask } from "../task-handler";
import { aliasText, choice, cmdletParameters, emailAddress, text, textList } from "./parameters";
import {
  type DistributionGroup,
  assertAddressesFree,
  assertNameFree,
  resolveDistributionGroup,
  resolveRecipientAddress,
} from "./recipients";

const scope = EXCHANGE_SCOPE.name;

async function membersOf(tx: Transaction, organisationId: string, groupId: string) {
  const rows = await tx
    .select({ member: exchangeDistributionGroupMembers.member })
    .from(exchangeDistributionGroupMembers)
    .where(
      and(
        eq(exchangeDistributionGroupMembers.organisationId, organisationId),
        eq(exchangeDistributionGroupMembers.groupId, groupId),
      ),
    )
    .orderBy(asc(exchangeDistributionGroupMembers.member));
  return rows.map((row) => row.member);
}

function groupOutput(group: DistributionGroup, members: string[]) {
  const security = group.groupType === "Security";
  return {
    Identity: group.name,
    Guid: group.id,
    Name: group.name,
    DisplayName: group.name,
    Alias: group.alias,
    PrimarySmtpAddress: group.primarySmtpAddress,
    RecipientTypeDetails: security ? "MailUniversalSecurityGroup" : "MailUniversalDistributionGroup",
    GroupType: security ? "Universal, SecurityEnabled" : "Universal",
    ManagedBy: group.managedBy,
    Members: members,
    WhenCreated: group.createdAt.toISOString(),
  };
}

/** Each identity as a recipient address, once. */
async function resolveAll(workload: Workload, identities: string[], field: string) {
  const addresses = new Set<string>();
  for (const identity of identities) addresses.add(await resolveRecipientAddress(workload, identity, field));
  return [...addresses];
}

export const newDistributionGroup = defineTask({
  scope,
  name: "New-DistributionGroup",
  parameters: cmdletParameters({
    Name: text(64),
    Alias: aliasText().optional(),
    // Exchange would use the default accepted domain; the demo has none, so the address is asked for.
    PrimarySmtpAddress: emailAddress(),
    Type: choice(["Distribution", "Security"] as const).default("Distribution"),
    ManagedBy: textList(text()).optional(),
    Members: textList(text()).optional(),
  }),
  async run(context, params) {
    const { tx, organisationId, actorEmail } = context;
    // Exchange derives the alias from the name, dropping what an alias can't hold (spaces…).
    const alias = params.Alias ?? params.Name.replace(/[^A-Za-z0-9_-]/g, "");
    if (!alias) throw invalidField("invalid:alias", "Alias", "is required when Name has no letters or digits");
    await assertNameFree(tx, organisationId, params.Name);
    await assertAddressesFree(tx, organisationId, { alias, primarySmtpAddress: params.PrimarySmtpAddress });
    // Without ManagedBy, Exchange makes the creator the owner.
    const managedBy = params.ManagedBy
      ? await resolveAll(context, params.ManagedBy, "ManagedBy")
      : [actorEmail.toLowerCase()];
    const members = params.Members ? await resolveAll(context, params.Members, "Members") : [];
    const [group] = await tx
      .insert(exchangeDistributionGroups)
      .values({
        organisationId,
        name: params.Name,
        alias,
        primarySmtpAddress: params.PrimarySmtpAddress,
        groupType: params.Type,
        managedBy,
      })
      .onConflictDoNothing()
      .returning();
    if (!group) {
      throw new DomainError(
        "conflict:name-in-use",
        `The name "${params.Name}" is already being used. Please try another name.`,
      );
    }
    if (members.length > 0) {
      await tx
        .insert(exchangeDistributionGroupMembers)
        .values(members.map((member) => ({ organisationId, groupId: group.id, member })));
    }
    return groupOutput(group, members.sort());
  },
});

export const addDistributionGroupMember = defineTask({
  scope,
  name: "Add-DistributionGroupMember",
  parameters: cmdletParameters({
    Identity: text(),
    Member: text(),
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    const group = await resolveDistributionGroup(context, params.Identity);
    const member = await resolveRecipientAddress(context, params.Member, "Member");
    if (member === group.primarySmtpAddress.toLowerCase()) {
      throw invalidField("invalid:member", "Member", `The group "${group.name}" can't be a member of itself.`);
    }
    const added = await tx
      .insert(exchangeDistributionGroupMembers)
      .values({ organisationId, groupId: group.id, member })
      .onConflictDoNothing()
      .returning();
    if (added.length === 0) {
      throw new DomainError(
        "conflict:already-member",
        `The recipient "${member}" is already a member of the group "${group.name}".`,
      );
    }
    return groupOutput(group, await membersOf(tx, organisationId, group.id));
  },
});
