import type { TooltipContentProps } from "recharts";
import { formatNumber, formatQuantity } from "../../lib/format";
import { isProvisional, type SavingsBar } from "./sessionSavings";

/** The hovered session: its title, kWh saved, participants and points issued. */
export function SessionSavingsTooltip({ active, payload }: TooltipContentProps) {
  const bar: SavingsBar | undefined = payload[0]?.payload;
  if (!active || !bar) return null;
  const { session } = bar;
  return (
    <div className="rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm">
      <p className="font-medium">{session.title}</p>
      <p>
        {formatQuantity(session.saved_kwh, "kWh")} saved{isProvisional(session) ? " (provisional)" : ""}
      </p>
      <p>{formatNumber(session.participants)} participants</p>
      <p>{formatNumber(session.points_issued)} Green Points issued</p>
    </div>
  );
}
