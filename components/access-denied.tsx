import Link from "next/link";
import { Card } from "./ui/card";

/** What a person sees on a screen their roles do not open: a clear refusal, not a broken page. */
export function AccessDenied({ screen, needs }: { screen: string; needs: string }) {
  return (
    <Card className="max-w-xl">
      <h1 className="text-lg font-semibold text-slate-900">You don&apos;t have access to {screen}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {screen} is open to {needs}. If you need it for your work, ask a Global Administrator.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </Card>
  );
}
