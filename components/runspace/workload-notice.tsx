import Link from "next/link";
import type { WorkloadDescription } from "@/lib/runspace/describe-workload";

export const connectingExchangeHref = "/runspace/exchange-online";

/**
 * Says, on the runspace itself, that its Exchange is not a real one: the tasks work on a workload
 * simulated in Elevate's own database. A demo organisation's holds the demo's objects; a real
 * organisation's starts empty and is no more its tenant than the demo's is.
 */
export function WorkloadNotice({ workload }: { workload: WorkloadDescription }) {
  return (
    <div role="note" aria-label="Simulated Exchange Online" className="mb-6 rounded-md border border-sky-300 bg-sky-50 p-4 text-sm text-sky-950">
      <p>
        <strong className="font-semibold">Simulated Exchange Online:</strong>{" "}
        {workload.demo
          ? "the data is Elevate's demo workload, not your tenant."
          : "the data is a workload Elevate simulates in its own database, not your tenant. It starts empty."}{" "}
        No task here reaches a real Exchange Online; the cmdlets answer as the tenant{" "}
        <span className="font-mono wrap-anywhere">{workload.organization}</span>.
      </p>
      <p className="mt-1">
        Elevate cannot run these tasks on your own Exchange Online yet; until it can, your scripts can ask Elevate before each cmdlet
        they run.{" "}
        <Link href={connectingExchangeHref} className="font-medium text-sky-900 underline hover:text-sky-950">
          Connecting Exchange Online
        </Link>
      </p>
    </div>
  );
}
