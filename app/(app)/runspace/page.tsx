import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Runspace } from "@/components/runspace/runspace";
import { WorkloadNotice } from "@/components/runspace/workload-notice";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { describeTasks } from "@/lib/runspace/describe-tasks";
import { describeWorkload } from "@/lib/runspace/describe-workload";
import { requireActor } from "@/lib/server/auth/current-actor";

export const metadata: Metadata = { title: "Runspace" };

export default async function RunspacePage({ searchParams }: { searchParams: Promise<{ task?: string | string[] }> }) {
  const actor = await requireActor();
  const database = await db();
  const [tasks, params] = await Promise.all([describeTasks(database, { actor }), searchParams]);
  const workload = await describeWorkload(database, { actor });
  const initialTask = Array.isArray(params.task) ? params.task[0] : params.task;
  return (
    <>
      <PageHeader
        title="Runspace"
        description="Run admin tasks. Each run is checked against your access at that moment and recorded in the audit log."
      />
      {tasks.some((task) => task.scope === workload.scope) && <WorkloadNotice workload={workload} />}
      {tasks.length === 0 ? (
        <EmptyState title="The runspace has no tasks for this organisation">
          Tasks appear here once the organisation&apos;s catalog includes them.
        </EmptyState>
      ) : (
        <Runspace tasks={tasks} initialTask={initialTask} />
      )}
    </>
  );
}
