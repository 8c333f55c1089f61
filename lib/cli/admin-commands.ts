import { Command } from "commander";
import { ZodError } from "zod";
import { BootstrapError, bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { DomainError } from "@/lib/errors";
import { createTokenForMember } from "@/lib/tokens/create-token";
import { CliError } from "./cli-error";
import { type GlobalOptions, wholeNumber } from "./connection";
import { withHostDatabase } from "./open-host-database";
import { printObject } from "./output";

/** Turns validation and domain refusals into one-line CLI errors with the right exit code. */
function asCliError(error: unknown): never {
  if (error instanceof ZodError) throw new CliError(error.issues.map((i) => `--${String(i.path[0])} ${i.message}`).join("\n"), 2);
  if (error instanceof BootstrapError) throw new CliError(error.message, 2);
  if (error instanceof DomainError) throw new CliError(`${error.message} (${error.code})`, error.kind === "invalid" ? 2 : 1);
  throw error;
}

export function adminCommands() {
  const admin = new Command("admin").description("On the server host, straight against the database");
  admin
    .command("bootstrap")
    .description("Make a person a Global Administrator (the first administrator of a new install)")
    .requiredOption("--email <email>", "their email address")
    .option("--org <slug>", "the organisation, when there are several (created when unknown)")
    .option("--org-name <name>", "the name of an organisation this creates")
    .action(async (options: { email: string; org?: string; orgName?: string }, command: Command) => {
      const { json } = command.optsWithGlobals<GlobalOptions>();
      const result = await withHostDatabase((handle) =>
        bootstrapAdmin(handle.db, { email: options.email, organisationSlug: options.org, organisationName: options.orgName }).catch(asCliError),
      );
      if (json) {
        console.log(JSON.stringify({ email: result.email, organisation: result.organisation.slug, changed: result.changed }));
      } else {
        console.log(
          result.changed
            ? `${result.email} is now a Global Administrator of ${result.organisation.name}.`
            : `${result.email} already is a Global Administrator of ${result.organisation.name}: nothing changed.`,
        );
      }
    });
  const token = admin.command("token").description("API tokens for automation");
  token
    .command("create")
    .description("Create an API token for a member (shown once)")
    .requiredOption("--email <email>", "whose token it is")
    .option("--name <name>", "what it is for", "Automation")
    .option("--days <n>", "valid for this many days (default 90)", wholeNumber)
    .action(async (options: { email: string; name: string; days?: number }, command: Command) => {
      const { json } = command.optsWithGlobals<GlobalOptions>();
      const created = await withHostDatabase((handle) =>
        createTokenForMember(handle.db, { email: options.email, name: options.name, expiresInDays: options.days }).catch(asCliError),
      );
      if (json) console.log(JSON.stringify({ token: created.token, id: created.id, expiresAt: created.expiresAt }));
      else printObject(created, false);
    });
  return admin;
}
