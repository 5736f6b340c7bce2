import { StyleSheet, Text, View } from "react-native";
import { formatKwh, formatPercent, formatTime } from "../../lib/format";
import { Button } from "../../ui/Button";
import { colors, font, space } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";
import { useUsualDay } from "./queries";
import { changePercent } from "./usualDay";

/** Today so far against the mean of the last days up to the same time of day. */
export function UsualDayLine() {
  const timeZone = useTimeZone();
  const usual = useUsualDay(timeZone);
  if (timeZone === undefined || usual.isPending) {
    return <Text style={styles.note}>Comparing with a usual day…</Text>;
  }
  if (usual.isError) {
    return (
      <View style={styles.box}>
        <Text role="alert" style={styles.error}>
          Your usual day could not be loaded.
        </Text>
        <Button label="Try again" variant="secondary" onPress={() => void usual.refetch()} />
      </View>
    );
  }
  const figures = usual.data;
  if (figures === null) return <Text style={styles.note}>No meter readings for today yet.</Text>;
  if (figures.usual === null) {
    return <Text style={styles.note}>A usual day needs a few complete days of meter readings first.</Text>;
  }
  const change = changePercent(figures.today, figures.usual);
  const by = formatTime(figures.until, timeZone);
  return (
    <View style={styles.box}>
      <Text style={styles.text}>
        A usual day by {by}: {formatKwh(figures.usual)}
      </Text>
      {change !== null && (
        <Text style={[styles.text, styles.strong]}>
          {Math.abs(change) < 0.5
            ? "About the same as usual"
            : change < 0
              ? `${formatPercent(-change)} less than usual`
              : `${formatPercent(change)} more than usual`}
        </Text>
      )}
      <Text style={styles.note}>
        Today up to {by} ({formatKwh(figures.today)}) against the mean of the last {figures.days}{" "}
        {figures.days === 1 ? "day" : "days"} up to the same time, in {timeZone}.
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.xs },
  text: { fontSize: font.body, color: colors.text },
  strong: { fontWeight: "700" },
  note: { fontSize: font.small, color: colors.muted },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
});
