import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditChainHeads } from "@/db/schema";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { GENESIS_HASH, auditEventHash } from "./audit-hash";

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first event whose link or content does not match; null when the chain is whole, or when
   *  only its end is missing (events removed after the last one checked). */
  firstBrokenId: string | null;
}

const PAGE = 10_000;

interface EventRow {
  id: string;
  seq: string | number;
  /** As the hash encodes it (ISO 8601, milliseconds, UTC), written by Postgres: no Date to parse. */
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

function fetchPage(db: Database, organisationId: string, afterSeq: number) {
  return db
    .execute(
      sql`select id, seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_type, actor_id, actor_email, action, target_type, target_id, details, ip,
                 user_agent, prev_hash, hash
          from audit_events where organisation_id = ${organisationId} and seq > ${afterSeq}
          order by seq limit ${PAGE}`,
    )
    .then((result) => (result as unknown as { rows: EventRow[] }).rows);
}

/**
 * Walks an organisation's chain in order, recomputing every hash, and finally compares the last
 * event with the chain head (so removing the newest events is caught too). Reads in keyset pages,
 * fetching the next page while hashing this one, so a chain of millions of events never sits in
 * memory at once and the database and the hashing overlap.
 */
export async function verifyAuditChain(db: Database, organisationId: string): Promise<ChainVerification> {
  // One snapshot for the walk and the head: events appended meanwhile must not read as "broken".
  return db.transaction((tx) => walkChain(tx as unknown as Database, organisationId), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

async function walkChain(db: Database, organisationId: string): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let next = fetchPage(db, organisationId, 0);
  for (;;) {
    const page = await next;
    const last = page.at(-1);
    if (page.length === PAGE && last) next = fetchPage(db, organisationId, Number(last.seq));
    for (const row of page) {
      const seq = Number(row.seq);
      const fields = {
        id: row.id,
        organisationId,
        seq,
        at: row.at,
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorEmail: row.actor_email,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        details: row.details,
        ip: row.ip,
        userAgent: row.user_agent,
      };
      if (seq !== checked + 1 || row.prev_hash !== prevHash || auditEventHash(prevHash, fields) !== row.hash) {
        if (page.length === PAGE) await next.catch(() => undefined); // leave no query in flight
        return { ok: false, checked, firstBrokenId: row.id };
      }
      prevHash = row.hash;
      checked += 1;
    }
    if (page.length < PAGE) break;
  }
  const head = await db.query.auditChainHeads.findFirst({ where: eq(auditChainHeads.organisationId, organisationId) });
  const headMatches = head ? head.lastSeq === checked && head.lastHash === prevHash : checked === 0;
  return { ok: headMatches, checked, firstBrokenId: null };
}

/** The verify action of the audit view and the API: auditors and administrators. */
export async function verifyAuditLog(db: Database, { actor }: { actor: Actor }) {
  authorize(actor, "read-audit");
  return verifyAuditChain(db, actor.organisationId);
}
