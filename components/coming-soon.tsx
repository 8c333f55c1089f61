import { Card } from "./ui/card";

/** A screen whose issue has not landed yet says so plainly, rather than showing an empty page. */
export function ComingSoon({ what }: { what: string }) {
  return (
    <Card>
      <p className="text-sm text-slate-600">{what}</p>
      <p className="mt-2 text-sm text-slate-500">This screen is being built; the data behind it is already in place.</p>
    </Card>
  );
}
