import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { chartColours } from "../../components/chartColours";
import { formatNumber, formatQuantity } from "../../lib/format";
import { useProgramme, useTimeFormat } from "../programme/useProgramme";
import type { PowerRow } from "./livePeriods";
import { PowerTable } from "./PowerTable";

const TITLE = "Baseline and actual power per half hour, in kW";

function kilowatts(value: unknown): string {
  return typeof value === "number" ? formatQuantity(value, "kW") : "No readings yet";
}

/** Baseline against actual power per settlement period, with the same numbers as a table for screen readers. */
export function PowerChart({ rows }: { rows: PowerRow[] }) {
  const formatTime = useTimeFormat();
  const timeZone = useProgramme().data?.time_zone;
  const data = rows.map((row) => ({ ...row, time: formatTime(row.start) }));
  return (
    <figure aria-label={TITLE} className="space-y-2">
      <div className="h-72 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis
            dataKey="time"
            label={{ value: timeZone ? `Half hour starting (${timeZone})` : "Half hour starting", position: "bottom" }}
          />
          <YAxis
            tickFormatter={(value: number) => formatNumber(value)}
            label={{ value: "kW", angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={kilowatts} />
          <Legend verticalAlign="top" />
          <Bar dataKey="baselineKw" name="Baseline (kW)" fill={chartColours.reference} />
          <Bar dataKey="actualKw" name="Actual (kW)" fill={chartColours.measured} />
        </BarChart>
      </div>
      <PowerTable caption={TITLE} rows={rows} />
    </figure>
  );
}
