"use client";

import { ErrorScreen } from "@/components/error-screen";

/**
 * A page that failed before the admin center's frame could be drawn (the frame itself reads the
 * session from the database), or the sign-in page.
 */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-4 py-10">
      <ErrorScreen error={error} retry={retry} />
    </main>
  );
}
