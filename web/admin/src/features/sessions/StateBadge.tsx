import { useTranslation } from "react-i18next";
import { stateName } from "./states";

const tones: Record<string, string> = {
  draft: "bg-slate-100 text-slate-800",
  scheduled: "bg-sky-100 text-sky-800",
  live: "bg-amber-100 text-amber-900",
  settling: "bg-violet-100 text-violet-800",
  final: "bg-emerald-100 text-emerald-800",
  cancelled: "bg-red-100 text-red-800",
};

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation("sessions");
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${tones[state] ?? tones.draft}`}>
      {stateName(state, t)}
    </span>
  );
}
