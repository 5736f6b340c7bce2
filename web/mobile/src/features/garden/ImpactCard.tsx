import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { Garden } from "../../api/types";
import { useFormat } from "../../lib/format";
import { Card } from "../../ui/Card";
import { colors, font } from "../../ui/theme";

/** The CO₂ the household's savings avoided, as trees, with the factors the sums use. */
export function ImpactCard({ garden }: { garden: Garden }) {
  const { t } = useTranslation("garden");
  const format = useFormat();
  const kg = format.number(garden.co2_kg, 1);
  return (
    <Card title={t("impact.title")}>
      <Text style={styles.big}>{t("impact.co2", { kg })}</Text>
      <Text style={styles.text}>{t("impact.trees", { count: garden.tree_years, trees: format.number(garden.tree_years, 2) })}</Text>
      <Text style={styles.note}>
        {t("impact.how", {
          kwh: format.kwh(garden.saved_kwh),
          factor: format.number(garden.emission_factor_kg_per_kwh, 2),
          kg,
          tree: format.number(garden.tree_kg_co2_per_year, 1),
        })}
      </Text>
    </Card>
  );
}

const styles = StyleSheet.create({
  big: { fontSize: font.title, fontWeight: "800", color: colors.primary },
  text: { fontSize: font.body, color: colors.text },
  note: { fontSize: font.small, color: colors.muted },
});
