import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import Svg, { Circle, Ellipse, Rect } from "react-native-svg";
import type { Garden, Plant } from "../../api/types";
import { useFormat } from "../../lib/format";
import { useChartWidth } from "../../ui/charts/useChartWidth";
import { colors, font, space } from "../../ui/theme";
import { MOST_PLANTS_SHOWN, placePlants, SKY_SHARE } from "./layout";
import { PALETTES, type GardenPalette } from "./palette";
import { PlantFigure } from "./PlantFigure";

interface Props {
  garden: Garden;
  /** `thumbnail`: a small picture named as a whole, its plants not one by one (Home). */
  size?: "full" | "thumbnail";
}

const HEIGHT = { full: 240, thumbnail: 110 } as const;

/** What the picture shows, in words: its accessible name. */
export function useGardenSummary(garden: Garden): string {
  const { t } = useTranslation("garden");
  const health = t(`health.${garden.health}`);
  const count = garden.plants.length;
  return count > MOST_PLANTS_SHOWN
    ? t("picture.labelLatest", { health, count, shown: MOST_PLANTS_SHOWN })
    : t("picture.label", { health, count });
}

function usePlantLabel() {
  const { t } = useTranslation("garden");
  const format = useFormat();
  return (plant: Plant) =>
    t("plant.label", { species: plant.species_name, stage: t(`stage.${plant.stage}`), date: format.calendarDate(plant.planted_on) });
}

/** Sky, sun (a cloud over it when the garden wilts), hills and the ground the plants stand on. */
function Landscape({ width, height, palette }: { width: number; height: number; palette: GardenPalette }) {
  const horizon = height * SKY_SHARE;
  return (
    <Svg width="100%" height="100%" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none">
      <Rect x={0} y={0} width={width} height={height} fill={palette.sky} />
      <Circle cx={width * 0.84} cy={horizon * 0.42} r={Math.min(22, height * 0.1)} fill={palette.sun} />
      {palette.cloud && <Ellipse cx={width * 0.76} cy={horizon * 0.5} rx={height * 0.16} ry={height * 0.06} fill={palette.cloud} />}
      <Ellipse cx={width * 0.2} cy={horizon + 6} rx={width * 0.42} ry={horizon * 0.38} fill={palette.hills} />
      <Ellipse cx={width * 0.78} cy={horizon + 8} rx={width * 0.46} ry={horizon * 0.3} fill={palette.hills} />
      <Rect x={0} y={horizon} width={width} height={height - horizon} fill={palette.ground} />
    </Svg>
  );
}

/**
 * The household's garden as a picture: every plant drawn by species, stage and the garden's
 * health. In full size each plant is an image of its own with its name, stage and planting day.
 */
export function GardenPicture({ garden, size = "full" }: Props) {
  const { t } = useTranslation("garden");
  const format = useFormat();
  const [width, onLayout] = useChartWidth();
  const summary = useGardenSummary(garden);
  const plantLabel = usePlantLabel();
  const height = HEIGHT[size];
  const palette = PALETTES[garden.health];
  const placed = placePlants(garden.plants, width, height);
  const hidden = garden.plants.length - placed.length;
  const full = size === "full";
  return (
    <View
      role={full ? "figure" : "img"}
      accessible={!full}
      aria-label={summary}
      style={[styles.picture, { height }]}
    >
      <View style={StyleSheet.absoluteFill} onLayout={onLayout} aria-hidden importantForAccessibility="no-hide-descendants" accessibilityElementsHidden>
        <Landscape width={width} height={height} palette={palette} />
      </View>
      {placed.map(({ plant, ...box }) => (
        <PlantFigure key={plant.session_id} plant={plant} palette={palette} label={full ? plantLabel(plant) : undefined} style={box} />
      ))}
      {full && hidden > 0 && (
        <Text style={styles.more}>
          {t("picture.more", { count: format.count(hidden) })}
        </Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  picture: { width: "100%", borderRadius: 12, overflow: "hidden", borderWidth: 1, borderColor: colors.border },
  more: {
    position: "absolute",
    right: space.sm,
    bottom: space.sm,
    paddingHorizontal: space.sm,
    paddingVertical: space.xs,
    borderRadius: 8,
    backgroundColor: colors.background,
    color: colors.text,
    fontSize: font.small,
    fontWeight: "700",
  },
});
