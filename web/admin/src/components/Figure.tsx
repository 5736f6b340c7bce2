import { useId } from "react";

interface Props {
  label: string;
  value: string;
  /** A line under the figure that says what it is measured against. */
  note?: string;
}

/** One headline figure, a group named by its label. */
export function Figure({ label, value, note }: Props) {
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId} className="rounded-md border border-slate-200 p-3">
      <p id={labelId} className="text-sm font-medium text-slate-600">
        {label}
      </p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {note && <p className="mt-1 text-sm text-slate-600">{note}</p>}
    </div>
  );
}
