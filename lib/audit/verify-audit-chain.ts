import { and, asc, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { GENESIS_HASH, auditEventHash } from "./audit-hash";
import { authorizeAuditReader } from "./search-audit";

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first event whose link or content does not match; null when the chain is whole, or when
   *  only its end is missing (events removed after the last one checked). */
  firstBrokenId: string | null;
}

const PAGE = 5000;

/**
 * Walks an organisation's chain in order, recomputing every hash, and finally compares the last
 * event with the chain head (so removing the newest events is caught too). Reads in keyset pages so
 * a chain of millions of events never sits in memory at once.
 */
export async function verifyAuditChain(db: Database, organisationId: string): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, organisationId), gt(auditEvents.seq, expectedSeq - 1)))
      .orderBy(asc(auditEvents.seq))
      .limit(PAGE);
    for (const event of page) {
      const { prevHash: storedPrev, hash, ...fields } = event;
      const broken =
        event.seq !== expectedSeq || storedPrev !== prevHash || auditEventHash(prevHash, fields) !== hash;
      if (broken) return { ok: false, checked, firstBrokenId: event.id };
      prevHash = hash;
      expectedSeq += 1;
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
  authorizeAuditReader(actor);
  return verifyAuditChain(db, actor.organisationId);
}
