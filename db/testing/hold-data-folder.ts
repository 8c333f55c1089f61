/**
 * Test fixture: a second process that opens an embedded data folder and keeps it until killed.
 * Usage: node --import tsx db/testing/hold-data-folder.ts <dir>
 */
import { openDatabase } from "@/db/client";

const dir = process.argv[2];
if (!dir) throw new Error("usage: hold-data-folder.ts <dir>");
await openDatabase({ kind: "embedded", dir });
process.stdout.write("ready\n");
setInterval(() => {}, 60_000);
