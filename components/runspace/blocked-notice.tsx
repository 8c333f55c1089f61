import Link from "next/link";

export const requestAccessHref = (task: string) => `/requests/new?target=${encodeURIComponent(task)}&type=task`;

/**
 * Why a run was refused, and the way forward. A policy covers the task (`no-grant`): ask for a
 * window. No policy covers it (`no-role`), or only an unlocking one that the person's roles do not
 * reach (`no-role-to-unlock`): a window would not help, so say who can.
 */
export function BlockedNotice({ task, code, message, coveredByPolicy }: { task: string; code: string; message: string; coveredByPolicy: boolean }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">Blocked: {task} did not run</p>
      <p className="mt-1">{message}</p>
      {coveredByPolicy ? (
        <>
          <p className="mt-2 text-red-900">
            A privileged access policy covers {task}: it runs only inside an approved, time-bound window.
          </p>
          <Link
            href={requestAccessHref(task)}
            className="mt-3 inline-flex items-center rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800"
          >
            Request access
          </Link>
        </>
      ) : code === "forbidden:no-role-to-unlock" ? (
        <p className="mt-2">
          A privileged access policy covers {task}, but its approved window only unlocks tasks that your standing role groups
          already include, so requesting a window would not help. Ask a Global Administrator for a role group that includes it.
        </p>
      ) : code === "forbidden:no-role" ? (
        <p className="mt-2">
          No privileged access policy covers {task}, and none of your standing role groups includes it. Ask a Global Administrator
          for a role group that includes it, or Role Management for a policy you can request under.
        </p>
      ) : null}
    </div>
  );
}
