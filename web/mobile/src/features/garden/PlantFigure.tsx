import { useEffect, useRef } from "react";
import { AccessibilityInfo, Animated, Easing, Platform, StyleSheet, View } from "react-native";
import Svg from "react-native-svg";
import type { Plant } from "../../api/types";
import type { GardenPalette } from "./palette";
import { PLANT_BOX, PlantDrawing } from "./plantShapes";

interface Props {
  plant: Plant;
  palette: GardenPalette;
  /** The plant's accessible name; without one it is part of a picture named as a whole. */
  label?: string;
  style: { left: number; top: number; width: number; height: number };
}

const GROW_MILLISECONDS = 900;

/**
 * A plant grows in from the ground when it was planted or grew with the latest session, unless
 * the person asked for reduced motion.
 */
function useGrowIn(grew: boolean) {
  const scale = useRef(new Animated.Value(grew ? 0.2 : 1)).current;
  useEffect(() => {
    if (!grew) return;
    let cancelled = false;
    let animation: Animated.CompositeAnimation | undefined;
    void AccessibilityInfo.isReduceMotionEnabled().then((reduced) => {
      if (cancelled) return;
      if (reduced) {
        scale.setValue(1);
        return;
      }
      animation = Animated.timing(scale, {
        toValue: 1,
        duration: GROW_MILLISECONDS,
        easing: Easing.out(Easing.back(1.6)),
        useNativeDriver: Platform.OS !== "web",
      });
      animation.start();
    });
    return () => {
      cancelled = true;
      animation?.stop();
    };
  }, [grew, scale]);
  return scale;
}

/** One plant of the garden, standing in its place in the picture. */
export function PlantFigure({ plant, palette, label, style }: Props) {
  const scale = useGrowIn(plant.just_grew);
  return (
    <Animated.View
      role={label ? "img" : undefined}
      accessible={label !== undefined}
      aria-label={label}
      style={[styles.plant, style, { transform: [{ scale }] }]}
    >
      <View style={styles.fill} aria-hidden importantForAccessibility="no-hide-descendants" accessibilityElementsHidden>
        <Svg width="100%" height="100%" viewBox={`0 0 ${PLANT_BOX.width} ${PLANT_BOX.height}`}>
          <PlantDrawing species={plant.species} stage={plant.stage} palette={palette} />
        </Svg>
      </View>
    </Animated.View>
  );
}

const styles = StyleSheet.create({
  // Grows from its foot, not its middle.
  plant: { position: "absolute", transformOrigin: "50% 92%" },
  fill: { flex: 1 },
});
