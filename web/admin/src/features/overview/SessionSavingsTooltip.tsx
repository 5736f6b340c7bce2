import { useTranslation } from "react-i18next";
import type { TooltipContentProps } from "recharts";
import { useFormat } from "../../i18n/useFormat";
import { isProvisional, type SavingsBar } from "./sessionSavings";

/** The hovered session: its title, kWh saved, participants and points issued. */
export function SessionSavingsTooltip({ active, payload }: TooltipContentProps) {
  const { t } = useTranslation("overview");
  const format = useFormat();
  const bar: SavingsBar | undefined = payload[0]?.payload;
  if (!active || !bar) return null;
  const { session } = bar;
  return (
    <div className="rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm">
      <p className="font-medium">{session.title}</p>
      <p>
        {isProvisional(session)
          ? t("tooltip.savedProvisional", { kwh: format.kwh(session.saved_kwh) })
          : t("tooltip.saved", { kwh: format.kwh(session.saved_kwh) })}
      </p>
      <p>{t("tooltip.participants", { count: session.participants, formatted: format.number(session.participants) })}</p>
      <p>{t("tooltip.points", { count: session.points_issued, formatted: format.number(session.points_issued) })}</p>
    </div>
  );
}
