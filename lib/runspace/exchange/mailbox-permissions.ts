/** Add-MailboxPermission, Remove-MailboxPermission, Get-MailboxPermission. */
import { and, asc, eq, sql } from "drizzle-orm";
import { exchangeMailboxPermissions } from "@/db/schema";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { DomainError } from "@/lib/errors";
import { type Workload, defineTask } from "../task-handler";
import { choice, cmdletParameters, text, textList } from "./parameters";
import { type Mailbox, resolveMailbox, resolveRecipientAddress } from "./recipients";

const scope = EXCHANGE_SCOPE.name;

type Permission = typeof exchangeMailboxPermissions.$inferSelect;

const accessRights = [
  "FullAccess",
  "ReadPermission",
  "ChangePermission",
  "ChangeOwner",
  "DeleteItem",
  "ExternalAccount",
] as const;
type AccessRight = (typeof accessRights)[number];
const inheritanceTypes = ["All", "None", "Children", "Descendents", "SelfAndChildren"] as const;

const accessRightsList = textList(choice(accessRights)).transform((rights) =>
  [...new Set(rights)].sort(),
);

function permissionOutput(mailbox: Mailbox, permission: Permission) {
  return {
    Identity: mailbox.alias,
    User: permission.user,
    AccessRights: permission.accessRights,
    IsInherited: false,
    Deny: false,
    InheritanceType: permission.inheritanceType,
  };
}

export const addMailboxPermission = defineTask({
  scope,
  name: "Add-MailboxPermission",
  parameters: cmdletParameters({
    Identity: text(),
    User: text(),
    AccessRights: accessRightsList,
    InheritanceType: choice(inheritanceTypes).default("All"),
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    const mailbox = await resolveMailbox(context, params.Identity);
    const user = await resolveRecipientAddress(context, params.User, "User", "not-found:user");
    const { accessRights: current } = exchangeMailboxPermissions;
    // Granting again adds the new rights to the entry that exists, as Exchange merges ACEs.
    const [permission] = await tx
      .insert(exchangeMailboxPermissions)
      .values({
        organisationId,
        mailboxId: mailbox.id,
        user,
        accessRights: params.AccessRights,
        inheritanceType: params.InheritanceType,
      })
      .onConflictDoUpdate({
        target: [exchangeMailboxPermissions.mailboxId, exchangeMailboxPermissions.user],
        set: {
          accessRights: sql`array(select distinct r from unnest(${current} || excluded.access_rights) as r order by r)`,
          inheritanceType: params.InheritanceType,
        },
      })
      .returning();
    return permissionOutput(mailbox, permission!);
  },
});

/** The trustee as stored: a recipient's address, or a bare address whose recipient is gone. */
async function trusteeAddress(workload: Workload, user: string) {
  try {
    return await resolveRecipientAddress(workload, user, "User", "not-found:user");
  } catch (error) {
    const goneRecipient = error instanceof DomainError && error.code === "not-found:user" && user.includes("@");
    if (goneRecipient) return user.toLowerCase();
    throw error;
  }
}

export const removeMailboxPermission = defineTask({
  scope,
  name: "Remove-MailboxPermission",
  parameters: cmdletParameters({
    Identity: text(),
    User: text(),
    AccessRights: accessRightsList,
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    const mailbox = await resolveMailbox(context, params.Identity);
    const user = await trusteeAddress(context, params.User);
    const where = and(
      eq(exchangeMailboxPermissions.organisationId, organisationId),
      eq(exchangeMailboxPermissions.mailboxId, mailbox.id),
      eq(exchangeMailboxPermissions.user, user),
    );
    const [permission] = await tx.select().from(exchangeMailboxPermissions).where(where).for("update");
    if (!permission || !params.AccessRights.some((right) => permission.accessRights.includes(right))) {
      throw new DomainError(
        "not-found:mailbox-permission",
        `Can't remove the access control entry on the object "${mailbox.alias}" for account "${params.User}" ` +
          "because the ACE doesn't exist on the object.",
      );
    }
    const remaining = permission.accessRights.filter((right) => !params.AccessRights.includes(right as AccessRight));
    if (remaining.length === 0) await tx.delete(exchangeMailboxPermissions).where(where);
    else await tx.update(exchangeMailboxPermissions).set({ accessRights: remaining }).where(where);
    // Like the cmdlet, nothing is returned.
    return null;
  },
});

export const getMailboxPermission = defineTask({
  scope,
  name: "Get-MailboxPermission",
  parameters: cmdletParameters({
    Identity: text(),
    User: text().optional(),
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    const mailbox = await resolveMailbox(context, params.Identity);
    const user = params.User ? await trusteeAddress(context, params.User) : undefined;
    const rows = await tx
      .select()
      .from(exchangeMailboxPermissions)
      .where(
        and(
          eq(exchangeMailboxPermissions.organisationId, organisationId),
          eq(exchangeMailboxPermissions.mailboxId, mailbox.id),
          user ? eq(exchangeMailboxPermissions.user, user) : undefined,
        ),
      )
      .orderBy(asc(exchangeMailboxPermissions.user));
    return rows.map((row) => permissionOutput(mailbox, row));
  },
});
