import { useCallback } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { ConsumptionSeries } from "../../api/types";
import { chartColours } from "../../components/chartColours";
import { formatNumber, formatQuantity, formatShortDate, formatTime } from "../../lib/format";
import { consumptionRows } from "./consumptionRows";
import { ConsumptionTable } from "./ConsumptionTable";

function kilowattHours(value: unknown): string {
  return typeof value === "number" ? formatQuantity(value, "kWh", 3) : String(value);
}

interface Props {
  series: ConsumptionSeries;
  /** Whose consumption, in the chart's name: "Consumption" (a household's) unless told. */
  subject?: string;
}

/** Consumption per hour or per day in the series' time zone, with the numbers as a table for screen readers. */
export function ConsumptionChart({ series, subject = "Consumption" }: Props) {
  const daily = series.resolution === "1d";
  const title = `${subject} per ${daily ? "day" : "hour"}, in kWh`;
  const periodHeading = daily ? "Day" : "Hour starting";
  const formatPeriod = useCallback(
    (iso: string) => (daily ? formatShortDate(iso, series.time_zone) : formatTime(iso, series.time_zone)),
    [daily, series.time_zone],
  );
  const rows = consumptionRows(series.buckets);
  const data = rows.map((row) => ({ ...row, period: formatPeriod(row.start) }));
  return (
    <figure aria-label={title} className="space-y-2">
      <div className="h-72 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="period" label={{ value: `${periodHeading} (${series.time_zone})`, position: "bottom" }} />
          <YAxis
            tickFormatter={(value: number) => formatNumber(value)}
            label={{ value: "kWh", angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={kilowattHours} />
          <Legend verticalAlign="top" />
          <Bar dataKey="completeKwh" stackId="kwh" name="Consumption (kWh)" fill={chartColours.measured} />
          <Bar dataKey="partialKwh" stackId="kwh" name="Readings still missing (kWh)" fill={chartColours.reference} />
        </BarChart>
      </div>
      <ConsumptionTable caption={title} periodHeading={periodHeading} rows={rows} formatPeriod={formatPeriod} />
    </figure>
  );
}
