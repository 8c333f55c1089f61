import { cn } from "./cn";

/**
 * "123 / 1000" under a text field with a length limit, so nobody learns the limit only from a
 * refusal. The field names it in aria-describedby; it is not a live region, which would read out
 * every keystroke. Past the limit it turns red and says by how much.
 */
export function CharacterCount({ id, length, max, className }: { id: string; length: number; max: number; className?: string }) {
  const over = length - max;
  return (
    <p id={id} className={cn("mt-1 shrink-0 text-xs tabular-nums", over > 0 ? "font-medium text-red-700" : "text-slate-500", className)}>
      {length} / {max}
      <span className="sr-only"> characters</span>
      {over > 0 && ` (${over} too many)`}
    </p>
  );
}
