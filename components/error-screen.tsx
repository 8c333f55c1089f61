"use client";

import { useEffect, useState } from "react";
import { Button } from "./ui/button";
import { Card } from "./ui/card";

type Cause = "checking" | "database" | "server" | "network";

/**
 * What a screen shows when it could not be built: a calm explanation and a way to try again, never
 * the error itself. In production the browser only learns a digest, so the screen asks the health
 * route whether the database answers to tell an outage (it passes by itself: the server reconnects)
 * from a fault of ours (logged, the digest is its reference).
 */
export function ErrorScreen({ error, retry }: { error: unknown; retry: () => void }) {
  const [cause, setCause] = useState<Cause>("checking");
  useEffect(() => {
    let current = true;
    fetch("/api/health", { cache: "no-store" })
      .then((response) => current && setCause(response.status === 503 ? "database" : "server"))
      .catch(() => current && setCause("network"));
    return () => {
      current = false;
    };
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  const { title, body } = messages[cause];

  return (
    <Card className="max-w-xl">
      <div role="alert" aria-live="polite" data-testid="error-screen" data-cause={cause}>
        <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{body}</p>
        {cause === "server" && digest && <p className="mt-2 text-xs text-slate-500">Reference: {digest}</p>}
      </div>
      <Button className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </Card>
  );
}

const messages: Record<Cause, { title: string; body: string }> = {
  checking: { title: "This page could not be loaded", body: "Finding out why…" },
  database: {
    title: "The database cannot be reached right now",
    body: "Elevate is running but cannot reach its database, so this page cannot be shown. Elevate reconnects on its own as soon as the database answers: try again in a few seconds.",
  },
  server: {
    title: "Something went wrong on our side",
    body: "This page could not be shown. The problem has been logged; try again, and if it keeps happening tell your administrator the reference below.",
  },
  network: {
    title: "Elevate cannot be reached",
    body: "Your browser could not reach Elevate. Check your connection, then try again.",
  },
};
