"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { searchAudit, searchInput } from "@/lib/audit/search-audit";
import { verifyAuditLog } from "@/lib/audit/verify-audit-chain";

/** The next keyset page of the current view: its filters and the cursor of the last page. */
export const loadMoreAuditEventsAction = action(searchInput, ({ db, actor, input }) => searchAudit(db, { actor, input }));

/** Walks the whole chain: ok or broken, how many events were checked, the first that does not match. */
export const verifyAuditChainAction = action(z.strictObject({}), ({ db, actor }) => verifyAuditLog(db, { actor }));
