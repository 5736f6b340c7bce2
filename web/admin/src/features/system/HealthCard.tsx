import { useId } from "react";
import type { ReactNode } from "react";

export type HealthTone = "ok" | "attention" | "failing" | "off";

const toneClasses: Record<HealthTone, string> = {
  ok: "bg-emerald-100 text-emerald-800",
  attention: "bg-amber-100 text-amber-900",
  failing: "bg-red-100 text-red-800",
  off: "bg-slate-100 text-slate-700",
};

interface Props {
  label: string;
  /** One or two words, e.g. "OK" or "Failing". */
  status: string;
  tone: HealthTone;
  children: ReactNode;
}

/** The state of one part of the system, a group named by its label. */
export function HealthCard({ label, status, tone, children }: Props) {
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId} className="space-y-2 rounded-md border border-slate-200 p-4">
      <div className="flex items-center justify-between gap-2">
        <p id={labelId} className="text-sm font-medium text-slate-600">
          {label}
        </p>
        <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${toneClasses[tone]}`}>
          {status}
        </span>
      </div>
      <div className="text-sm">{children}</div>
    </div>
  );
}
