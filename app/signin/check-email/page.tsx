import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-4">
      <Card title="Check your email">
        <p className="text-sm text-slate-700">
          If that address belongs to a member, a sign-in link is on its way. It works once and expires in 24 hours.
        </p>
        {config().demo && (
          <p className="mt-3 text-sm">
            <Link href="/dev/mailbox" className="font-medium text-brand-700 hover:underline">
              Open the dev mailbox
            </Link>
          </p>
        )}
      </Card>
    </main>
  );
}
