"use client";

import { useEffect } from "react";
import { LocalTime } from "@/components/time/local-time";
import type { LinkedRequestNotice as Notice } from "@/lib/requests/linked-request";

/*
 * An email links to one request (`/inbox?request=<id>`, lib/notify/links.ts). The page knows which
 * card holds it, or what to say when none does; this brings the person there: the card scrolled
 * into view, marked and focused, so the next Tab is its first action; or the notice, focused, so
 * it is read before anything else.
 */

// `!`: the card's own ring (ring-1 ring-slate-200) would otherwise win by the stylesheet's order.
const HIGHLIGHT = ["ring-2!", "ring-brand-600!", "shadow-md"];
const LABEL = "Linked from your email";

/** Scrolls to the element and focuses it, without making it a Tab stop. */
function bringToView(element: HTMLElement) {
  element.tabIndex = -1;
  element.scrollIntoView({ block: "center" });
  element.focus({ preventScroll: true });
}

/**
 * Marks the card `cardId` as the one the email is about: a visible ring and label, `aria-current`
 * for assistive technology, and keyboard focus. The card belongs to another component (the inbox
 * list refreshes itself), so this touches only what it adds, and takes it away again.
 */
export function LinkedRequestHighlight({ cardId }: { cardId: string }) {
  useEffect(() => {
    const card = document.getElementById(cardId);
    if (!card) return;
    const label = document.createElement("p");
    label.textContent = LABEL;
    label.dataset.testid = "linked-request-label";
    label.className = "mb-2 inline-block rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700";
    card.prepend(label);
    card.classList.add(...HIGHLIGHT);
    card.setAttribute("aria-current", "true");
    bringToView(card);
    return () => {
      label.remove();
      card.classList.remove(...HIGHLIGHT);
      card.removeAttribute("aria-current");
      card.removeAttribute("tabindex");
    };
  }, [cardId]);
  return null;
}

/** Why the linked request has no card here: already decided, cancelled, expired, or not there for this person. */
export function LinkedRequestNotice({ notice }: { notice: Notice }) {
  useEffect(() => {
    const element = document.getElementById("linked-request-notice");
    if (element) bringToView(element);
  }, []);
  return (
    <div
      id="linked-request-notice"
      role="status"
      className="mb-6 rounded-md bg-brand-50 px-4 py-3 text-sm text-slate-800 ring-1 ring-brand-100 wrap-anywhere"
    >
      <p>
        <span className="font-semibold">{LABEL}: </span>
        {notice.text}
        {notice.at && (
          <>
            {" "}
            on <LocalTime iso={notice.at} />
          </>
        )}
        .
      </p>
      {notice.detail && <p className="mt-1">{notice.detail}</p>}
    </div>
  );
}
