"use client";

import { type RefObject, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { cn } from "./cn";

/**
 * Toasts of our own: a small store and two live regions. A toast is announced (polite for news,
 * assertive for a refusal or failure) and never takes focus or a place in the Tab order: the
 * keyboard stays where the action left it. Escape dismisses the newest one; each goes by itself
 * (not while the pointer is on it).
 * A toast belongs to the person signed in when it was shown: signing out, or another person
 * signing in, clears them all (see ToastsBelongTo).
 *
 * The call shape is sonner's, which this replaced because sonner makes every toast a Tab stop.
 */
type Tone = "success" | "error" | "message";
interface Toast {
  id: number;
  tone: Tone;
  text: string;
}
interface ToastOptions {
  /** How long it stays, in milliseconds. */
  duration?: number;
}

// Long enough to read a sentence; a refusal longer, since it says what to do.
const DURATION: Record<Tone, number> = { success: 6_000, message: 6_000, error: 10_000 };
const MAX_SHOWN = 3;
const NONE: readonly Toast[] = [];

let shown: readonly Toast[] = NONE;
let nextId = 1;
let owner: string | null = null;
const listeners = new Set<() => void>();

// Each toast's time left. The clocks stop while the pointer is on a toast or the page is hidden:
// nobody loses a message they are reading, or that came while they looked elsewhere.
const timers = new Map<number, { left: number; since: number; handle?: ReturnType<typeof setTimeout> }>();
let paused = false;

function update(next: readonly Toast[]) {
  shown = next;
  if (next.length === 0) paused = false;
  for (const listener of listeners) listener();
}

function run(id: number) {
  const timer = timers.get(id);
  if (!timer || paused) return;
  timer.since = Date.now();
  timer.handle = setTimeout(() => dismiss(id), timer.left);
}

function pause() {
  if (paused) return;
  paused = true;
  for (const timer of timers.values()) {
    clearTimeout(timer.handle);
    timer.left -= Date.now() - timer.since;
  }
}

function resume() {
  if (!paused) return;
  paused = false;
  for (const id of timers.keys()) run(id);
}

function show(tone: Tone, text: string, { duration = DURATION[tone] }: ToastOptions = {}) {
  const id = nextId++;
  const kept = shown.slice(-(MAX_SHOWN - 1));
  for (const gone of shown.filter((t) => !kept.includes(t))) clearTimer(gone.id);
  update([...kept, { id, tone, text }]);
  if (Number.isFinite(duration)) {
    timers.set(id, { left: duration, since: Date.now() });
    run(id);
  }
  return id;
}

function clearTimer(id: number) {
  clearTimeout(timers.get(id)?.handle);
  timers.delete(id);
}

/** Dismisses one toast, or every toast without an id. */
function dismiss(id?: number) {
  for (const t of shown) if (id === undefined || t.id === id) clearTimer(t.id);
  update(id === undefined ? NONE : shown.filter((t) => t.id !== id));
}

export const toast = {
  success: (text: string, options?: ToastOptions) => show("success", text, options),
  error: (text: string, options?: ToastOptions) => show("error", text, options),
  message: (text: string, options?: ToastOptions) => show("message", text, options),
  dismiss,
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/**
 * Says whose toasts are on screen: rendered by the signed-in layout with the person's id. When it
 * changes (someone else signed in) or the layout goes (signed out), earlier toasts are cleared, so
 * nobody reads what the previous person was told.
 */
export function ToastsBelongTo({ user }: { user: string }) {
  useEffect(() => {
    if (owner !== user) dismiss();
    owner = user;
    return () => {
      owner = null;
      dismiss();
    };
  }, [user]);
  return null;
}

const overlaps = (a: DOMRect | { top: number; bottom: number; left: number; right: number }, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Where the toasts are: bottom right, out of the way of the header; when that would cover the
 * focused element (a button low on the screen, say) they move to the top, under the header, and
 * stay there until the top would cover it instead.
 */
function useClearOfFocus(region: RefObject<HTMLDivElement | null>, count: number) {
  const [side, setSide] = useState<"bottom" | "top">("bottom");
  useLayoutEffect(() => {
    const place = () => {
      const element = region.current;
      const focused = document.activeElement;
      // Focus inside the toasts (a click on ×) moves with them: nothing to keep clear of.
      if (!element || count === 0 || !(focused instanceof HTMLElement) || focused === document.body || element.contains(focused)) return;
      const here = element.getBoundingClientRect();
      const target = focused.getBoundingClientRect();
      if (!overlaps(here, target)) return;
      const margin = 16;
      const shift = side === "bottom" ? margin + 48 - here.top : window.innerHeight - margin - here.bottom;
      const there = { left: here.left, right: here.right, top: here.top + shift, bottom: here.bottom + shift };
      if (!overlaps(there, target)) setSide(side === "bottom" ? "top" : "bottom");
    };
    place();
    document.addEventListener("focusin", place);
    window.addEventListener("scroll", place, { capture: true, passive: true });
    window.addEventListener("resize", place);
    return () => {
      document.removeEventListener("focusin", place);
      window.removeEventListener("scroll", place, { capture: true });
      window.removeEventListener("resize", place);
    };
  }, [region, count, side]);
  return side;
}

const toneClass: Record<Tone, string> = {
  success: "border-l-green-600",
  message: "border-l-brand-600",
  error: "border-l-red-600",
};

function ToastCard({ item }: { item: Toast }) {
  return (
    <div
      data-toast={item.tone}
      onPointerEnter={pause}
      onPointerLeave={resume}
      className={cn(
        "pointer-events-auto flex items-start gap-3 rounded-md border-l-4 bg-white p-3 text-sm text-slate-900 shadow-lg ring-1 ring-slate-200",
        toneClass[item.tone],
      )}
    >
      <p className="min-w-0 flex-1 wrap-anywhere">{item.text}</p>
      {/* For the mouse only: out of the Tab order (Escape dismisses from the keyboard) and hidden
          from screen readers, which would otherwise read "Dismiss" after every message. */}
      <button
        type="button"
        tabIndex={-1}
        aria-hidden="true"
        title="Dismiss (Esc)"
        // The click does not take the focus: the keyboard stays where the person was.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          dismiss(item.id);
          resume(); // the pointer left with the toast
        }}
        className="-m-1 shrink-0 rounded p-1 leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      >
        ×
      </button>
    </div>
  );
}

/** The toasts on screen: rendered once, at the end of the page. */
export function Toaster() {
  const items = useSyncExternalStore(subscribe, () => shown, () => NONE);
  const region = useRef<HTMLDivElement>(null);
  const side = useClearOfFocus(region, items.length);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // An open dialog or a listbox has Escape first.
      if (event.key !== "Escape" || event.defaultPrevented || shown.length === 0 || document.querySelector("dialog[open]")) return;
      dismiss(shown.at(-1)!.id);
    };
    const onVisibility = () => (document.hidden ? pause() : resume());
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, []);

  // Both regions are always in the page (a live region added together with its text is not read),
  // even when empty: hidden, they would leave the accessibility tree.
  const news = items.filter((t) => t.tone !== "error");
  const errors = items.filter((t) => t.tone === "error");
  return (
    <div
      ref={region}
      id="toasts"
      className={cn("pointer-events-none fixed right-4 z-40 flex w-[min(24rem,calc(100%-2rem))] flex-col", side === "bottom" ? "bottom-4" : "top-16")}
    >
      <div role="status" aria-live="polite" aria-label="Notifications" className="flex flex-col gap-2">
        {news.map((item) => (
          <ToastCard key={item.id} item={item} />
        ))}
      </div>
      <div role="alert" aria-live="assertive" aria-label="Errors" className={cn("flex flex-col gap-2", news.length > 0 && errors.length > 0 && "mt-2")}>
        {errors.map((item) => (
          <ToastCard key={item.id} item={item} />
        ))}
      </div>
    </div>
  );
}
