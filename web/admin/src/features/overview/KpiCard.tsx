import { useId } from "react";
import { useFormat } from "../../i18n/useFormat";

interface Props {
  label: string;
  value: number;
  /** A line under the figure, e.g. a share of another figure. */
  note?: string;
}

export function KpiCard({ label, value, note }: Props) {
  const labelId = useId();
  const format = useFormat();
  return (
    <div role="group" aria-labelledby={labelId} className="card">
      <p id={labelId} className="text-sm font-medium text-slate-600">
        {label}
      </p>
      <p className="mt-2 text-3xl font-semibold tabular-nums">{format.number(value)}</p>
      {note && <p className="mt-1 text-sm text-slate-600">{note}</p>}
    </div>
  );
}
