import { StyleSheet, View } from "react-native";
import { colors } from "./theme";

interface Props {
  /** What the bar measures: its accessible name. */
  label: string;
  value: number;
  max: number;
  /** The value in words ("7 of 10 kWh"), read out instead of a bare number. */
  valueText: string;
}

/** How far something is along its way, as a bar with its value for screen readers. */
export function ProgressBar({ label, value, max, valueText }: Props) {
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <View
      role="progressbar"
      accessible
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      aria-valuetext={valueText}
      style={styles.track}
    >
      <View style={[styles.fill, { width: `${share * 100}%` }]} />
    </View>
  );
}

const styles = StyleSheet.create({
  track: { height: 12, borderRadius: 6, borderWidth: 1, borderColor: colors.border, backgroundColor: colors.background, overflow: "hidden" },
  fill: { height: "100%", backgroundColor: colors.primary },
});
