/**
 * `elevate group`: approver groups (who approves a policy's requests), each verb one or two calls
 * of API v1. A group is named by its name or its id; names are looked up in `GET /approver-groups`.
 */
import { Command } from "commander";
import { type Page, callApi } from "./api-client";
import { CliError } from "./cli-error";
import { connectionOf } from "./connection";
import { printObject, printRows } from "./output";

type Group = { id: string; name: string; description: string; members: string[]; default: boolean; source: string };
type Connection = ReturnType<typeof connectionOf>;

const repeatable = (value: string, all: string[] = []) => [...all, value];

/**
 * The group a name or id means: the id first (a group may be named like another's id, and acting on
 * the wrong group must not depend on how someone named theirs), else the exact name, else the one
 * name equal but for case.
 */
async function resolveGroup(c: Connection, nameOrId: string): Promise<Group> {
  const { items } = await callApi<Page<Group>>(c, "GET", "/approver-groups", { query: { limit: 500 } });
  const found =
    items.find((g) => g.id === nameOrId.toLowerCase()) ??
    items.find((g) => g.name === nameOrId) ??
    items.find((g) => g.name.toLowerCase() === nameOrId.toLowerCase());
  if (!found) throw new CliError(`There is no approver group named ${JSON.stringify(nameOrId)}: see elevate group list.`);
  return found;
}

const groupPath = (group: Group) => `/approver-groups/${encodeURIComponent(group.id)}`;

export function groupCommands() {
  const group = new Command("group").description("Approver groups: who approves the requests of the policies naming them");
  group
    .command("new <name>")
    .description('Create a group, e.g. elevate group new "Acme Approvers" --member a@x --member b@x')
    .option("--member <email>", "a member (repeat it)", repeatable, [])
    .option("--description <text>", "what the group approves")
    .action(async (name: string, o: { member: string[]; description?: string }, command: Command) => {
      const c = connectionOf(command);
      printObject(await callApi(c, "POST", "/approver-groups", { body: { name, description: o.description, members: o.member } }), c.json);
    });
  group
    .command("list")
    .description("Every approver group with its members")
    .action(async (_o, command: Command) => {
      const c = connectionOf(command);
      const page = await callApi<Page<Group>>(c, "GET", "/approver-groups", { query: { limit: 500 } });
      printRows(page.items, [
        ["name", (g) => g.name],
        ["default", (g) => (g.default ? "yes" : "")],
        ["source", (g) => g.source],
        ["members", (g) => g.members],
        ["id", (g) => g.id],
      ], c.json, page);
    });
  group
    .command("show <group>")
    .description("One group, by name or id")
    .action(async (nameOrId: string, _o, command: Command) => {
      const c = connectionOf(command);
      const found = await resolveGroup(c, nameOrId);
      printObject(await callApi(c, "GET", groupPath(found)), c.json);
    });
  group
    .command("set <group>")
    .description("Rename a group, change its description or members (by name or id)")
    .option("--name <name>", "a new name")
    .option("--description <text>", "a new description")
    .option("--member <email>", "the whole new member list (repeat it)", repeatable)
    .option("--add-member <email>", "add someone (repeat it)", repeatable)
    .option("--remove-member <email>", "take someone out (repeat it)", repeatable)
    .action(
      async (
        nameOrId: string,
        o: { name?: string; description?: string; member?: string[]; addMember?: string[]; removeMember?: string[] },
        command: Command,
      ) => {
        const c = connectionOf(command);
        if (o.member && (o.addMember || o.removeMember)) {
          throw new CliError("Give either --member (the whole list) or --add-member/--remove-member, not both.", 2);
        }
        const body = Object.fromEntries(
          Object.entries({ name: o.name, description: o.description, members: o.member, addMembers: o.addMember, removeMembers: o.removeMember }).filter(
            ([, value]) => value !== undefined,
          ),
        );
        if (Object.keys(body).length === 0) throw new CliError("Say what to change, e.g. --add-member a@example.com.", 2);
        const found = await resolveGroup(c, nameOrId);
        printObject(await callApi(c, "PATCH", groupPath(found), { body }), c.json);
      },
    );
  group
    .command("remove <group>")
    .description("Remove a group (refused while a policy or the default setting uses it)")
    .action(async (nameOrId: string, _o, command: Command) => {
      const c = connectionOf(command);
      const found = await resolveGroup(c, nameOrId);
      printObject(await callApi(c, "DELETE", groupPath(found)), c.json);
    });
  return group;
}
