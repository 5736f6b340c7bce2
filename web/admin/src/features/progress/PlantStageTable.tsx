import { useTranslation } from "react-i18next";
import type { Plant } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";
import { plantsByStage } from "./plantStages";

/** How many of the garden's plants are at each stage, and all of them. */
export function PlantStageTable({ plants }: { plants: Plant[] }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white sm:max-w-sm">
      <table className="w-full text-left text-sm">
        <caption className="px-4 py-2 text-left font-medium">{t("garden.plants")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("garden.stage")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("garden.plantCount")}</th>
          </tr>
        </thead>
        <tbody>
          {plantsByStage(plants).map(({ stage, plants: count }) => (
            <tr key={stage} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-normal">{t("garden.stageName", { stage })}</th>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(count)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 font-medium">
            <th scope="row" className="px-4 py-2">{t("garden.allPlants")}</th>
            <td className="px-4 py-2 text-right tabular-nums">{format.number(plants.length)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
