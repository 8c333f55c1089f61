import { endsWithGrant } from "./later-windows";
import type { RequestView } from "./request-view";

/** A window with the extensions that continue it (theirs too), in the order they follow each other. */
export interface Grant {
  window: RequestView;
  extensions: RequestView[];
  /** The window of the grant open now, the one Extend and Release act on; null when none is. */
  current: RequestView | null;
  /** What follows `current` and ends with it on release: pending extensions and approved ones not over yet. */
  later: RequestView[];
  /** Whether the grant can be extended now: it is open and no extension is waiting for a decision. */
  extendable: boolean;
  /** Where the grant ends: the end of the last of its approved windows not over yet; null when none is. */
  endsAt: string | null;
}

/** A request view, judged as a later window of a grant (`status` already reads expired for a lapsed one). */
const endsWithWindow = (view: RequestView) => endsWithGrant({ status: view.status, lapsed: false, open: view.active || view.scheduled });

/** What a person can do with a grant and where it ends, from its window and extensions in order. */
function standingOf(window: RequestView, extensions: RequestView[]): Grant {
  const all = [window, ...extensions];
  const current = all.find((r) => r.active) ?? null;
  const later = current ? all.slice(all.indexOf(current) + 1).filter(endsWithWindow) : [];
  const waiting = all.some((r) => r.status === "pending");
  const open = all.filter((r) => r.endsAt && (r.active || r.scheduled));
  return { window, extensions, current, later, extendable: current !== null && !waiting, endsAt: open.at(-1)?.endsAt ?? null };
}

/**
 * Groups a list of requests into grants: each extension goes inside the window it continues when
 * that window is in the list too, so a person sees one entry per grant rather than an extension
 * beside (or before) the window it lengthens. An extension whose window is not in the list stands
 * on its own, and its `extendsWindow` still says what it extends. Grants keep the list's order
 * (by the first window of each); extensions are ordered by when they were asked for.
 */
export function groupGrants(views: RequestView[]): Grant[] {
  const byId = new Map(views.map((view) => [view.id, view]));
  const rootOf = (view: RequestView) => {
    let root = view;
    for (let steps = 0; root.extendsRequestId && byId.has(root.extendsRequestId) && steps < views.length; steps++) {
      root = byId.get(root.extendsRequestId)!;
    }
    return root;
  };
  const grants = new Map<string, RequestView>();
  const extensionsOf = new Map<string, RequestView[]>();
  for (const view of views) {
    const root = rootOf(view);
    if (root.id === view.id) grants.set(view.id, view);
    else extensionsOf.set(root.id, [...(extensionsOf.get(root.id) ?? []), view]);
  }
  return [...grants.values()].map((window) =>
    standingOf(
      window,
      (extensionsOf.get(window.id) ?? []).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    ),
  );
}
