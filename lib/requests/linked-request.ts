import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { approvals, auditEvents, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { findRequest } from "./find-request";
import { getRequest } from "./get-request";
import type { RequestView } from "./request-view";

/**
 * A request an email links to (`/inbox?request=<id>`, lib/notify/links.ts): the page shows its card
 * when it is there, and otherwise says what became of it, so a person following an old email is
 * not left on a page without a word.
 */

const requestParam = z.uuid();

/** The `request` of a page's query when it is a request id; anything else (a list, junk) is no link at all. */
export function linkedRequestId(value: unknown): string | null {
  const parsed = requestParam.safeParse(value);
  return parsed.success ? parsed.data.toLowerCase() : null;
}

export interface LinkedRequest {
  status: RequestView["status"];
  target: string;
  requester: { name: string; isViewer: boolean };
  extension: boolean;
  /** Who settled it (approved, denied, cancelled, revoked); null when nobody did (pending, expired, automatic). */
  by: { name: string; isViewer: boolean; isRequester: boolean } | null;
  /** When it was settled (or expired). */
  at: string | null;
  /** The decider's words, when the outcome came with some (a denial, a revocation). */
  comment: string | null;
}

/**
 * The request behind a link, as far as `actor` may read it (getRequest authorises: its requester,
 * its approvers, administrators, auditors); null when there is none or it is not theirs to see, so
 * another organisation's request and a missing one read the same.
 */
export async function getLinkedRequest(db: Database, { actor, requestId }: { actor: Actor; requestId: string }): Promise<LinkedRequest | null> {
  let view: RequestView;
  try {
    view = await getRequest(db, { actor, requestId });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not-found:request") return null;
    throw error;
  }
  const row = await findRequest(db, actor.organisationId, view.id);
  let byId: string | null = null;
  let at: string | null = null;
  let comment: string | null = null;
  if (view.status === "approved" || view.status === "denied") {
    // The decision that settled it: the deny, or the approval that met the quorum (the last one).
    const [decision] = await db
      .select({ approverId: approvals.approverId, at: approvals.createdAt, comment: approvals.comment })
      .from(approvals)
      .where(and(eq(approvals.requestId, view.id), eq(approvals.decision, view.status === "approved" ? "approve" : "deny")))
      .orderBy(desc(approvals.createdAt))
      .limit(1);
    byId = decision?.approverId ?? null;
    at = (decision?.at ?? row.decidedAt)?.toISOString() ?? null;
    comment = view.status === "denied" ? (decision?.comment ?? null) : null;
  } else if (view.status === "cancelled") {
    // Its requester, or the person whose act ended it (a member removed, a grant revoked or released).
    const [event] = await db
      .select({ actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, actor.organisationId),
          eq(auditEvents.targetId, view.id),
          eq(auditEvents.action, "request.cancelled"),
        ),
      )
      .orderBy(desc(auditEvents.at))
      .limit(1);
    byId = event?.actorId ?? row.requesterId;
    at = row.decidedAt?.toISOString() ?? null;
  } else if (view.status === "revoked") {
    byId = row.revokedBy;
    at = row.revokedAt?.toISOString() ?? null;
    comment = row.revocationComment;
  } else if (view.status === "expired") {
    at = view.pendingUntil;
  }

  const ids = [...new Set([row.requesterId, byId].filter((id): id is string => id !== null))];
  const people = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids));
  const person = (id: string) => {
    const found = people.find((p) => p.id === id);
    return { name: found?.name?.trim() || found?.email || "someone", isViewer: id === actor.userId };
  };
  return {
    status: view.status,
    target: view.target,
    requester: person(row.requesterId),
    extension: view.extendsRequestId !== null,
    by: byId ? { ...person(byId), isRequester: byId === row.requesterId } : null,
    at,
    comment,
  };
}

export interface LinkedRequestNotice {
  /** One sentence without its full stop; when `at` is set, the page adds " on <time>." after it. */
  text: string;
  at: string | null;
  /** A second sentence, when there is more to say (the denier's comment). */
  detail: string | null;
}

/**
 * What the page says about a linked request whose card it does not show: it was settled already
 * (and by whom, and when), it expired, it waits for someone else, or it is not there for this
 * person at all. One rule for every page that takes a link.
 */
export function linkedRequestNotice(linked: LinkedRequest | null): LinkedRequestNotice {
  if (!linked) return { text: "This request was not found, or it is not one you can see", at: null, detail: null };
  const what = linked.extension ? `request to extend ${linked.target}` : `request for ${linked.target}`;
  const subject = linked.requester.isViewer ? `Your ${what}` : `${linked.requester.name}'s ${what}`;
  const by = linked.by ? (linked.by.isViewer ? "you" : linked.by.name) : null;
  const notice = (text: string, detail: string | null = null) => ({ text, at: linked.at, detail });
  switch (linked.status) {
    case "approved":
      return notice(by ? `${subject} was already approved by ${by}` : `${subject} was approved automatically by its policy`);
    case "denied":
      return notice(`${subject} was already denied by ${by ?? "an approver"}`, linked.comment ? `Their comment: “${linked.comment}”` : null);
    case "cancelled":
      if (linked.by?.isViewer) return notice(`You cancelled ${linked.requester.isViewer ? "your" : `${linked.requester.name}'s`} ${what}`);
      return notice(
        !linked.by || linked.by.isRequester ? `${subject} was cancelled by its requester` : `${subject} was cancelled by ${by}`,
      );
    case "expired":
      return notice(`${subject} expired without a decision`, linked.requester.isViewer ? "You can ask again." : "The requester can ask again.");
    case "revoked":
      return notice(`${subject} was approved, and its access was later revoked by ${by ?? "an approver"}`, linked.comment ? `Their comment: “${linked.comment}”` : null);
    case "pending":
      return {
        text: linked.requester.isViewer
          ? `${subject} still waits for a decision by another approver: nobody decides their own`
          : `${subject} still waits for a decision, but not from you: you are not one of its approvers`,
        at: null,
        detail: null,
      };
  }
}
