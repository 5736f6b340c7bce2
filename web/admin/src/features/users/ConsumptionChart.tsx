import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { ConsumptionSeries } from "../../api/types";
import { chartColours } from "../../components/chartColours";
import { useFormat } from "../../i18n/useFormat";
import { formatShortDate, formatTime } from "../../lib/format";
import { consumptionRows } from "./consumptionRows";
import { ConsumptionTable } from "./ConsumptionTable";

interface Props {
  series: ConsumptionSeries;
  /** Whose consumption, in the chart's name (already translated): a household's unless told. */
  subject?: string;
}

/** Consumption per hour or per day in the series' time zone, with the numbers as a table for screen readers. */
export function ConsumptionChart({ series, subject }: Props) {
  const { t } = useTranslation("users");
  const format = useFormat();
  const daily = series.resolution === "1d";
  const title = t(daily ? "consumption.chartDaily" : "consumption.chartHourly", {
    subject: subject ?? t("consumption.title"),
  });
  const periodHeading = daily ? t("consumption.day") : t("consumption.hour");
  // The series says its own time zone (the household's), which may differ from the programme's.
  const formatPeriod = useCallback(
    (iso: string) =>
      daily ? formatShortDate(iso, series.time_zone, format.locale) : formatTime(iso, series.time_zone, format.locale),
    [daily, series.time_zone, format.locale],
  );
  const kilowattHours = (value: unknown) => (typeof value === "number" ? format.kwh(value, 3) : String(value));
  const rows = consumptionRows(series.buckets);
  const data = rows.map((row) => ({ ...row, period: formatPeriod(row.start) }));
  return (
    <figure aria-label={title} className="space-y-2">
      <div className="h-72 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="period" label={{ value: `${periodHeading} (${series.time_zone})`, position: "bottom" }} />
          <YAxis
            tickFormatter={(value: number) => format.number(value)}
            label={{ value: "kWh", angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={kilowattHours} />
          <Legend verticalAlign="top" />
          <Bar dataKey="completeKwh" stackId="kwh" name={t("consumption.completeSeries")} fill={chartColours.measured} />
          <Bar dataKey="partialKwh" stackId="kwh" name={t("consumption.partialSeries")} fill={chartColours.reference} />
        </BarChart>
      </div>
      <ConsumptionTable caption={title} periodHeading={periodHeading} rows={rows} formatPeriod={formatPeriod} />
    </figure>
  );
}
