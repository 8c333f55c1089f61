import Link from "next/link";

const primaryLink =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700";

/** "12 of 30 policies": the organisation's limit is a setting, so the header says where it stands. */
export function PolicyUsage({ count, limit, showCreate = true }: { count: number; limit: number; showCreate?: boolean }) {
  const full = count >= limit;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p className="text-sm text-slate-700" data-testid="policy-usage">
        <span className="font-semibold text-slate-900">
          {count} of {limit}
        </span>{" "}
        policies used
      </p>
      {showCreate &&
        (full ? (
          <p className="text-sm text-amber-800">
            Limit reached:{" "}
            <Link href="/settings" className="font-medium underline">
              raise it in Settings
            </Link>{" "}
            or delete a policy.
          </p>
        ) : (
          <Link href="/policies/new" className={primaryLink}>
            New policy
          </Link>
        ))}
    </div>
  );
}
