"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { AppNav } from "./app-nav";
import type { NavItem } from "./nav-items";

/**
 * The phone's navigation, below the md breakpoint: a menu button opening a drawer. The drawer is
 * a native modal dialog, so the browser gives it dialog semantics, makes the page behind it inert
 * and closes it on Escape; focus then goes back to the menu button. Tab wraps around inside it:
 * the browser would otherwise let it leave the dialog for its own toolbar (and, headless, the page).
 */
export function MobileNav({ items, organisationName, devMailbox }: { items: NavItem[]; organisationName: string; devMailbox: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const pathname = usePathname();

  // A link followed inside the drawer lands on a new page: the drawer has done its job.
  useEffect(() => {
    dialog.current?.close();
  }, [pathname]);

  function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const stops = [...event.currentTarget.querySelectorAll<HTMLElement>("a[href], button:not([disabled])")];
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  const waiting = items.reduce((sum, item) => sum + (item.badge ?? 0), 0);
  return (
    <div className="md:hidden">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => {
          dialog.current?.showModal();
          setOpen(true);
        }}
        className="inline-flex items-center gap-2 rounded-md px-2.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm.75 4.5a.75.75 0 0 0 0 1.5h14.5a.75.75 0 0 0 0-1.5H2.75Z" />
        </svg>
        Menu
        {waiting > 0 && (
          <span className="rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">
            {waiting}
            <span className="sr-only"> waiting</span>
          </span>
        )}
      </button>
      <dialog
        ref={dialog}
        id="mobile-nav"
        aria-label="Menu"
        onKeyDown={keepFocusInside}
        onClose={() => {
          setOpen(false);
          button.current?.focus();
        }}
        // A click on the backdrop lands on the dialog itself (its content fills a panel inside it).
        onClick={(event) => {
          if (event.target === event.currentTarget) dialog.current?.close();
        }}
        className="m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex h-full flex-col gap-4 overflow-y-auto p-4">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
                Elevate
              </Link>
              <p className="text-xs text-slate-500 wrap-anywhere">{organisationName}</p>
            </div>
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              Close<span className="sr-only"> menu</span>
            </button>
          </div>
          <AppNav items={items} onNavigate={() => dialog.current?.close()} />
          {devMailbox && (
            <Link href="/dev/mailbox" className="px-3 text-xs text-slate-500 hover:underline">
              Dev mailbox
            </Link>
          )}
        </div>
      </dialog>
    </div>
  );
}
