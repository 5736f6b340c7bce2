import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { LevelCount } from "../../api/types";
import { chartColours } from "../../components/chartColours";
import { useFormat } from "../../i18n/useFormat";

/** How many households are at each level, lowest first, with the same numbers as a table for screen readers. */
export function LevelDistributionChart({ levels }: { levels: LevelCount[] }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  const title = t("programme.levels.title");
  const households = (value: unknown) => (typeof value === "number" ? format.number(value) : String(value));
  return (
    <figure aria-label={title} className="space-y-2">
      <div className="h-64 w-full">
        <BarChart responsive data={levels} style={{ width: "100%", height: "100%" }} margin={{ bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={chartColours.grid} />
          <XAxis dataKey="name" label={{ value: t("programme.levels.axis"), position: "bottom" }} />
          <YAxis
            allowDecimals={false}
            tickFormatter={(value: number) => format.number(value)}
            label={{ value: t("programme.levels.households"), angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={households} />
          <Legend verticalAlign="top" />
          <Bar dataKey="households" name={t("programme.levels.households")} fill={chartColours.measured} />
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("programme.levels.axis")}</th>
            <th scope="col">{t("programme.levels.households")}</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level) => (
            <tr key={level.key}>
              <th scope="row">{t("programme.levels.level", { number: format.number(level.number), name: level.name })}</th>
              <td>{format.number(level.households)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
