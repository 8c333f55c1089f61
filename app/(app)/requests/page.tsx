import type { Metadata } from "next";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "My requests" };

export default async function Page() {
  await requireActor();
  return (
    <>
      <PageHeader title="My requests" description="Ask for just-in-time access and follow your requests." />
      <ComingSoon what="Your requests, their status and time left, with cancel and extend." />
    </>
  );
}
