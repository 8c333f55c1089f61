import type { Metadata } from "next";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { requireActor } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "Runspace" };

export default async function Page() {
  await requireActor();
  return (
    <>
      <PageHeader title="Runspace" description="Run admin tasks inside your approved windows." />
      <ComingSoon what="Pick a task, fill in its parameters and run it; a blocked run says why." />
    </>
  );
}
