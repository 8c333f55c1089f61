import { type DatabaseHandle, migrateDatabase, openDatabase } from "@/db/client";
import { DataFolderLockedError } from "@/db/data-folder-lock";
import { config } from "@/lib/config";
import { CliError } from "./cli-error";

/**
 * Opens the server's own database from the server host, migrated. With the embedded database a
 * running server holds the folder: say so and point at the UI or API instead of waiting or
 * risking the data.
 */
export async function withHostDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(config().database);
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      throw new CliError(`${error.message}\nWhile the server runs, do this through the admin center or the API.`);
    }
    throw error;
  }
  try {
    await migrateDatabase(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}
