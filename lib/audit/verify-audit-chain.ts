import { and, asc, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { GENESIS_HASH, auditEventHash } from "./audit-hash";

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first event whose link or content does not match, when the chain is broken. */
  firstBrokenId: string | null;
}

const PAGE = 5000;

/**
 * Walks an organisation's chain in order, recomputing every hash. Reads in keyset pages so a
 * chain of millions of events never sits in memory at once.
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
    if (page.length < PAGE) return { ok: true, checked, firstBrokenId: null };
  }
}
