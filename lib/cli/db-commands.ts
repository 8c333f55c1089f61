import { Command } from "commander";
import { withHostDatabase } from "./open-host-database";

export function dbCommands() {
  const db = new Command("db").description("Database maintenance on the server host");
  db.command("migrate")
    .description("Apply pending migrations (the server also does this at start)")
    .action(async () => {
      await withHostDatabase(async (handle) => {
        console.log(`Migrations applied (${handle.kind} database).`);
      });
    });
  db.command("seed")
    .description("Create the Contoso demo organisation; running it again changes nothing")
    .action(async () => {
      await withHostDatabase(async (handle) => {
        // The demo seed is loaded only by the command that asks for it.
        const { seedDemo } = await import("@/db/seed/seed-demo");
        const summary = await seedDemo(handle.db);
        console.log(
          summary.createdOrganisation
            ? `Seeded the Contoso demo (${summary.newRequests} requests of history).`
            : "The Contoso demo is already seeded: nothing changed.",
        );
      });
    });
  return db;
}
