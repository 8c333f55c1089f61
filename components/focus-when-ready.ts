/**
 * Moves the keyboard to where the next action is once the screen has caught up with an action's
 * answer. An action's button often disappears with the re-render its answer causes (a decided
 * card, a cancelled request, a revoked window): left alone, focus drops to the page body and a
 * keyboard or screen-reader user starts again from the top.
 *
 * `find` says where focus goes, or null while the screen still shows the state before the action
 * (the re-render may come from the server's revalidation, a refetch or a navigation, so this does
 * not guess when: it looks again whenever the page changes). One intent at a time, and it yields to
 * the person: a key press or a pointer press before it is ready cancels it, as does a minute
 * without the screen becoming ready.
 */
let cancelPending: (() => void) | null = null;
const GIVE_UP_MS = 60_000;

export function focusWhenReady(find: () => HTMLElement | null | undefined) {
  cancelPending?.();
  let frame = 0;
  const attempt = () => {
    const target = find();
    if (!target?.isConnected) return false;
    cancel();
    focusElement(target);
    return true;
  };
  const observer = new MutationObserver(() => {
    // Several mutations arrive per render: look once the frame has them all.
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(attempt);
  });
  const timer = setTimeout(() => cancel(), GIVE_UP_MS);
  const cancel = () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    document.removeEventListener("keydown", cancel, true);
    document.removeEventListener("pointerdown", cancel, true);
    if (cancelPending === cancel) cancelPending = null;
  };
  cancelPending = cancel;
  document.addEventListener("keydown", cancel, true);
  document.addEventListener("pointerdown", cancel, true);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  frame = requestAnimationFrame(attempt);
}

/** Focuses an element, making a heading, card or message focusable by script (not by Tab) first. */
export function focusElement(element: HTMLElement) {
  if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus();
}
