import { useTranslation } from "react-i18next";
import type { Garden } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { Figure } from "../../components/Figure";
import { useFormat } from "../../i18n/useFormat";
import { PlantStageTable } from "./PlantStageTable";
import { SubSection } from "./SubSection";

/** The Green Garden: its health from recent sessions, what its savings avoided, and its plants by stage. */
export function GardenSummary({ garden }: { garden: Garden }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  return (
    <SubSection title={t("garden.title")}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label={t("garden.health")}
          value={t("garden.healthName", { health: garden.health })}
          note={t("garden.recent", {
            saved: format.number(garden.recent_saved),
            count: garden.recent_sessions,
            formatted: format.number(garden.recent_sessions),
          })}
        />
        <Figure label={t("garden.saved")} value={format.kwh(garden.saved_kwh)} note={t("garden.savedNote")} />
        <Figure
          label={t("garden.co2")}
          value={format.quantity(garden.co2_kg, "kg CO₂", 1)}
          note={t("garden.co2Note", { factor: format.number(garden.emission_factor_kg_per_kwh, 3) })}
        />
        <Figure
          label={t("garden.trees")}
          value={format.number(garden.tree_years, 2)}
          note={t("garden.treesNote", {
            trees: format.number(garden.tree_years, 2),
            kg: format.number(garden.tree_kg_co2_per_year, 1),
          })}
        />
      </div>
      {garden.plants.length > 0 ? <PlantStageTable plants={garden.plants} /> : <EmptyNote>{t("garden.noPlants")}</EmptyNote>}
    </SubSection>
  );
}
