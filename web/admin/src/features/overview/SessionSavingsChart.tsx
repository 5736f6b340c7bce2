import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { SessionSavings } from "../../api/types";
import { chartColours } from "../../components/chartColours";
import { formatNumber } from "../../lib/format";
import { useProgramme, useShortDateFormat } from "../programme/useProgramme";
import { savingsBars } from "./sessionSavings";
import { SessionSavingsTable } from "./SessionSavingsTable";
import { SessionSavingsTooltip } from "./SessionSavingsTooltip";

const TITLE = "kWh saved per session";

/** kWh saved by each recent session, provisional ones apart, with the same numbers as a table for screen readers. */
export function SessionSavingsChart({ sessions }: { sessions: SessionSavings[] }) {
  const formatDate = useShortDateFormat();
  const timeZone = useProgramme().data?.time_zone;
  const data = savingsBars(sessions).map((bar) => ({ ...bar, date: formatDate(bar.session.starts_at) }));
  return (
    <figure aria-label={TITLE} className="space-y-2">
      <div className="h-72 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis
            dataKey="date"
            label={{ value: timeZone ? `Session date (${timeZone})` : "Session date", position: "bottom" }}
          />
          <YAxis
            tickFormatter={(value: number) => formatNumber(value)}
            label={{ value: "kWh", angle: -90, position: "insideLeft" }}
          />
          <Tooltip content={SessionSavingsTooltip} />
          <Legend verticalAlign="top" />
          <Bar dataKey="finalKwh" stackId="kwh" name="Saved, final (kWh)" fill={chartColours.measured} />
          <Bar
            dataKey="settlingKwh"
            stackId="kwh"
            name="Saved, provisional while settling (kWh)"
            fill={chartColours.reference}
          />
        </BarChart>
      </div>
      <SessionSavingsTable caption={TITLE} sessions={sessions} />
    </figure>
  );
}
