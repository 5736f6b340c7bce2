import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { chartColours } from "../../components/chartColours";
import { useFormat } from "../../i18n/useFormat";
import { useProgramme } from "../programme/useProgramme";
import type { PowerRow } from "./livePeriods";
import { PowerTable } from "./PowerTable";

/** Baseline against actual power per settlement period, with the same numbers as a table for screen readers. */
export function PowerChart({ rows }: { rows: PowerRow[] }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  const timeZone = useProgramme().data?.time_zone;
  const title = t("power.title");
  const kilowatts = (value: unknown) => (typeof value === "number" ? format.quantity(value, "kW") : t("live.noReadings"));
  const data = rows.map((row) => ({ ...row, time: format.time(row.start) }));
  return (
    <figure aria-label={title} className="space-y-2">
      <div className="h-72 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis
            dataKey="time"
            label={{
              value: timeZone ? t("power.axisZone", { zone: timeZone }) : t("power.halfHour"),
              position: "bottom",
            }}
          />
          <YAxis
            tickFormatter={(value: number) => format.number(value)}
            label={{ value: "kW", angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={kilowatts} />
          <Legend verticalAlign="top" />
          <Bar dataKey="baselineKw" name={t("power.baselineSeries")} fill={chartColours.reference} />
          <Bar dataKey="actualKw" name={t("power.actualSeries")} fill={chartColours.measured} />
        </BarChart>
      </div>
      <PowerTable caption={title} rows={rows} />
    </figure>
  );
}
