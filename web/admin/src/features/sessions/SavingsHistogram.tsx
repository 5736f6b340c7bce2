import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { PercentBucket } from "../../api/types";
import { chartColours } from "../../components/chartColours";
import { EmptyNote } from "../../components/EmptyNote";
import { useFormat } from "../../i18n/useFormat";
import { bucketLabel } from "./percentBuckets";

/**
 * The distribution of % saved, with the same numbers as a table for screen readers; a note instead
 * while no household is in any bucket, as the chart would be bare axes.
 */
export function SavingsHistogram({ buckets }: { buckets: PercentBucket[] }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  if (buckets.every((bucket) => bucket.households === 0)) {
    return <EmptyNote>{t("histogram.none")}</EmptyNote>;
  }
  const title = t("histogram.title");
  const households = (value: unknown) => (typeof value === "number" ? format.number(value) : String(value));
  const data = buckets.map((bucket) => ({ label: bucketLabel(bucket, t, format), households: bucket.households }));
  return (
    <figure aria-label={title} className="space-y-2">
      <div className="h-64 w-full">
        <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="label" label={{ value: t("histogram.axis"), position: "bottom" }} />
          <YAxis
            allowDecimals={false}
            tickFormatter={(value: number) => format.number(value)}
            label={{ value: t("histogram.households"), angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={households} />
          <Legend verticalAlign="top" />
          <Bar dataKey="households" name={t("histogram.households")} fill={chartColours.measured} />
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("histogram.percentSaved")}</th>
            <th scope="col">{t("histogram.households")}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{format.number(row.households)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
