import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { SessionSavings } from "../../api/types";
import { chartColours } from "../../components/chartColours";
import { useFormat } from "../../i18n/useFormat";
import { useProgramme } from "../programme/useProgramme";
import { savingsBars } from "./sessionSavings";
import { SessionSavingsTable } from "./SessionSavingsTable";
import { SessionSavingsTooltip } from "./SessionSavingsTooltip";

/** kWh saved by each recent session, provisional ones apart, with the same numbers as a table for screen readers. */
export function SessionSavingsChart({ sessions }: { sessions: SessionSavings[] }) {
  const { t } = useTranslation("overview");
  const format = useFormat();
  const timeZone = useProgramme().data?.time_zone;
  const title = t("savings.title");
  const data = savingsBars(sessions).map((bar) => ({ ...bar, date: format.shortDate(bar.session.starts_at) }));
  return (
    <figure aria-label={title} className="space-y-2">
      <div className="h-72 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis
            dataKey="date"
            label={{
              value: timeZone ? t("savings.dateAxisZone", { zone: timeZone }) : t("savings.dateAxis"),
              position: "bottom",
            }}
          />
          <YAxis
            tickFormatter={(value: number) => format.number(value)}
            label={{ value: "kWh", angle: -90, position: "insideLeft" }}
          />
          <Tooltip content={(props) => <SessionSavingsTooltip {...props} />} />
          <Legend verticalAlign="top" />
          <Bar dataKey="finalKwh" stackId="kwh" name={t("savings.finalSeries")} fill={chartColours.measured} />
          <Bar dataKey="settlingKwh" stackId="kwh" name={t("savings.settlingSeries")} fill={chartColours.reference} />
        </BarChart>
      </div>
      <SessionSavingsTable caption={title} sessions={sessions} />
    </figure>
  );
}
