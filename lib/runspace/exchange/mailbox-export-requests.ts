/** New-MailboxExportRequest, Get-MailboxExportRequest. */
import { and, asc, eq, sql } from "drizzle-orm";
import { exchangeMailboxExportRequests, exchangeMailboxes } from "@/db/schema";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { DomainError } from "@/lib/errors";
import { defineTask } from "../task-handler";
import { choice, cmdletParameters, text } from "./parameters";
import { type Mailbox, resolveMailbox } from "./recipients";

const scope = EXCHANGE_SCOPE.name;

type ExportRequest = typeof exchangeMailboxExportRequests.$inferSelect;

/**
 * The Exchange server writes the PST, so the path must be a network share it can reach:
 * \\server\share\folder\file.pst. No drive letters, no "." or ".." segments.
 */
const UNC_PST = /^\\\\[A-Za-z0-9][A-Za-z0-9.-]*(\\[^\\/:*?"<>|\x00-\x1f]+)+\.pst$/i;

const filePath = text(260).refine(
  (path) => UNC_PST.test(path) && !path.slice(2).split("\\").some((segment) => segment === "." || segment === ".."),
  "must be a UNC path to a .pst file, such as \\\\server\\share\\file.pst",
);

/** Exchange's default names: MailboxExport, MailboxExport1 … MailboxExport9. */
const DEFAULT_NAMES = ["MailboxExport", ...Array.from({ length: 9 }, (_, i) => `MailboxExport${i + 1}`)];

function exportRequestOutput(mailbox: Pick<Mailbox, "alias">, request: ExportRequest) {
  return {
    Identity: `${mailbox.alias}\\${request.name}`,
    RequestGuid: request.id,
    Name: request.name,
    Mailbox: mailbox.alias,
    FilePath: request.filePath,
    Status: request.status,
    ContentFilter: request.contentFilter,
    RequestedBy: request.requestedBy,
    WhenCreated: request.createdAt.toISOString(),
  };
}

export const newMailboxExportRequest = defineTask({
  scope,
  name: "New-MailboxExportRequest",
  parameters: cmdletParameters({
    Mailbox: text(),
    FilePath: filePath,
    Name: text(64).optional(),
    // An OPATH filter such as "(Received -lt '01/01/2024')"; Exchange evaluates it, the demo keeps it.
    ContentFilter: text(2048).optional(),
  }),
  async run(context, params) {
    const { tx, organisationId, actorEmail } = context;
    const mailbox = await resolveMailbox(context, params.Mailbox, "Mailbox");
    const taken = new Set(
      (
        await tx
          .select({ name: exchangeMailboxExportRequests.name })
          .from(exchangeMailboxExportRequests)
          .where(
            and(
              eq(exchangeMailboxExportRequests.organisationId, organisationId),
              eq(exchangeMailboxExportRequests.mailboxId, mailbox.id),
            ),
          )
      ).map((row) => row.name.toLowerCase()),
    );
    const name = params.Name ?? DEFAULT_NAMES.find((candidate) => !taken.has(candidate.toLowerCase()));
    if (!name) {
      throw new DomainError(
        "conflict:export-request-exists",
        `There isn't a default name available for a new request owned by mailbox '${mailbox.alias}'. Specify Name.`,
      );
    }
    const duplicate = () =>
      new DomainError(
        "conflict:export-request-exists",
        `The name must be unique per mailbox: a request named '${name}' already exists for mailbox '${mailbox.alias}'.`,
      );
    if (taken.has(name.toLowerCase())) throw duplicate();
    const [request] = await tx
      .insert(exchangeMailboxExportRequests)
      .values({
        organisationId,
        mailboxId: mailbox.id,
        name,
        filePath: params.FilePath,
        contentFilter: params.ContentFilter ?? null,
        requestedBy: actorEmail,
      })
      .onConflictDoNothing()
      .returning();
    if (!request) throw duplicate();
    return exportRequestOutput(mailbox, request);
  },
});

export const getMailboxExportRequest = defineTask({
  scope,
  name: "Get-MailboxExportRequest",
  parameters: cmdletParameters({
    Mailbox: text().optional(),
    Name: text(64).optional(),
    Status: choice(["Queued", "Completed"] as const).optional(),
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    const mailbox = params.Mailbox ? await resolveMailbox(context, params.Mailbox, "Mailbox") : undefined;
    const rows = await tx
      .select({ request: exchangeMailboxExportRequests, alias: exchangeMailboxes.alias })
      .from(exchangeMailboxExportRequests)
      .innerJoin(exchangeMailboxes, eq(exchangeMailboxes.id, exchangeMailboxExportRequests.mailboxId))
      .where(
        and(
          eq(exchangeMailboxExportRequests.organisationId, organisationId),
          mailbox ? eq(exchangeMailboxExportRequests.mailboxId, mailbox.id) : undefined,
          params.Name ? eq(sql`lower(${exchangeMailboxExportRequests.name})`, params.Name.toLowerCase()) : undefined,
          params.Status ? eq(exchangeMailboxExportRequests.status, params.Status) : undefined,
        ),
      )
      .orderBy(asc(exchangeMailboxExportRequests.createdAt), asc(exchangeMailboxExportRequests.name));
    return rows.map(({ request, alias }) => exportRequestOutput({ alias }, request));
  },
});
