import { Command } from "commander";
import { ZodError } from "zod";
import { BootstrapError, bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { CliError } from "./cli-error";
import { withHostDatabase } from "./open-host-database";

export function adminCommands() {
  const admin = new Command("admin").description("Administration on the server host, straight against the database");
  admin
    .command("bootstrap")
    .description("Make a person a Global Administrator (the first administrator of a new install)")
    .requiredOption("--email <email>", "their email address")
    .option("--org <slug>", "the organisation, when there are several (created when unknown)")
    .option("--org-name <name>", "the name of an organisation this creates")
    .option("--json", "print the result as JSON")
    .action(async (options: { email: string; org?: string; orgName?: string; json?: boolean }) => {
      const result = await withHostDatabase(async (handle) => {
        try {
          return await bootstrapAdmin(handle.db, {
            email: options.email,
            organisationSlug: options.org,
            organisationName: options.orgName,
          });
        } catch (error) {
          if (error instanceof ZodError) {
            throw new CliError(error.issues.map((i) => `--${String(i.path[0])} ${i.message}`).join("\n"), 2);
          }
          if (error instanceof BootstrapError) throw new CliError(error.message, 2);
          throw error;
        }
      });
      if (options.json) {
        console.log(JSON.stringify({ email: result.email, organisation: result.organisation.slug, changed: result.changed }));
      } else {
        console.log(
          result.changed
            ? `${result.email} is now a Global Administrator of ${result.organisation.name}.`
            : `${result.email} already is a Global Administrator of ${result.organisation.name}: nothing changed.`,
        );
      }
    });
  return admin;
}
