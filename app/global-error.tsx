"use client";

import { ErrorScreen } from "@/components/error-screen";
import "./globals.css";

/** The root layout itself failed: this replaces it, so it brings its own document and styles. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Elevate</title>
        <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-4 py-10">
          <ErrorScreen error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
