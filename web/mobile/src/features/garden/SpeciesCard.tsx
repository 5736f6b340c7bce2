import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import Svg from "react-native-svg";
import type { SpeciesStatus } from "../../api/types";
import { Card } from "../../ui/Card";
import { colors, font, space } from "../../ui/theme";
import { PALETTES } from "./palette";
import { PLANT_BOX, PlantDrawing } from "./plantShapes";

/** Every species, those still locked with the level that unlocks them. */
export function SpeciesCard({ species }: { species: SpeciesStatus[] }) {
  const { t } = useTranslation("garden");
  return (
    <Card title={t("species.title")}>
      <Text style={styles.text}>{t("species.intro")}</Text>
      <View role="list" style={styles.list}>
        {species.map((one) => (
          <View key={one.species} role="listitem" style={styles.row}>
            <View style={[styles.drawing, !one.unlocked && styles.locked]} aria-hidden importantForAccessibility="no-hide-descendants" accessibilityElementsHidden>
              <Svg width="100%" height="100%" viewBox={`0 0 ${PLANT_BOX.width} ${PLANT_BOX.height}`}>
                <PlantDrawing species={one.species} stage="blooming" palette={PALETTES.thriving} />
              </Svg>
            </View>
            <Text style={[styles.text, !one.unlocked && styles.muted]}>
              {one.unlocked ? t("species.unlocked", { name: one.name }) : t("species.locked", { name: one.name, level: one.unlock_level })}
            </Text>
          </View>
        ))}
      </View>
    </Card>
  );
}

const styles = StyleSheet.create({
  list: { gap: space.xs },
  row: { flexDirection: "row", alignItems: "center", gap: space.sm },
  drawing: { width: 40, height: 48 },
  locked: { opacity: 0.3 },
  text: { flex: 1, fontSize: font.body, color: colors.text },
  muted: { color: colors.muted },
});
