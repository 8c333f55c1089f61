"use client";

import { ErrorScreen } from "@/components/error-screen";

/** A screen inside the admin center that failed to render: the navigation stays, the page explains. */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorScreen error={error} retry={retry} />;
}
