import type { RequestView } from "./request-view";

/** A window with the extensions that continue it (theirs too), in the order they follow each other. */
export interface Grant {
  window: RequestView;
  extensions: RequestView[];
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
  const grants = new Map<string, Grant>();
  const extensionsOf = new Map<string, RequestView[]>();
  for (const view of views) {
    const root = rootOf(view);
    if (root.id === view.id) grants.set(view.id, { window: view, extensions: [] });
    else extensionsOf.set(root.id, [...(extensionsOf.get(root.id) ?? []), view]);
  }
  return [...grants.values()].map((grant) => ({
    window: grant.window,
    extensions: (extensionsOf.get(grant.window.id) ?? []).sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    ),
  }));
}
