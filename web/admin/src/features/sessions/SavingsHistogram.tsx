import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { PercentBucket } from "../../api/types";
import { chartColours } from "../../components/chartColours";
import { EmptyNote } from "../../components/EmptyNote";
import { formatNumber } from "../../lib/format";
import { bucketLabel } from "./percentBuckets";

const TITLE = "Households by % of their baseline saved";

function households(value: unknown): string {
  return typeof value === "number" ? formatNumber(value) : String(value);
}

/**
 * The distribution of % saved, with the same numbers as a table for screen readers; a note instead
 * while no household is in any bucket, as the chart would be bare axes.
 */
export function SavingsHistogram({ buckets }: { buckets: PercentBucket[] }) {
  if (buckets.every((bucket) => bucket.households === 0)) {
    return <EmptyNote>No results yet: no household has a % saved.</EmptyNote>;
  }
  const data = buckets.map((bucket) => ({ label: bucketLabel(bucket), households: bucket.households }));
  return (
    <figure aria-label={TITLE} className="space-y-2">
      <div className="h-64 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="label" label={{ value: "% of baseline saved", position: "bottom" }} />
          <YAxis
            allowDecimals={false}
            tickFormatter={(value: number) => formatNumber(value)}
            label={{ value: "Households", angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={households} />
          <Legend verticalAlign="top" />
          <Bar dataKey="households" name="Households" fill={chartColours.measured} />
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>{TITLE}</caption>
        <thead>
          <tr>
            <th scope="col">% saved</th>
            <th scope="col">Households</th>
          </tr>
        </thead>
        <tbody>
          {data.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{formatNumber(row.households)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
