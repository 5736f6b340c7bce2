import { StyleSheet, Text, View } from "react-native";
import type { ResultPeriod } from "../../api/types";
import { formatKwh, formatTime } from "../../lib/format";
import { colors, font, space } from "../../ui/theme";

/** The figures behind the chart, one row per half hour. */
export function PeriodTable({ periods, timeZone }: { periods: ResultPeriod[]; timeZone: string | undefined }) {
  return (
    <View role="table" aria-label="Usual and actual use per half hour">
      <View role="row" style={[styles.row, styles.head]}>
        <Text style={[styles.cell, styles.bold]}>From</Text>
        <Text style={[styles.cell, styles.bold]}>Usual</Text>
        <Text style={[styles.cell, styles.bold]}>Yours</Text>
      </View>
      {periods.map((period) => (
        <View role="row" key={period.start} style={styles.row}>
          <Text style={styles.cell}>{formatTime(period.start, timeZone)}</Text>
          <Text style={styles.cell}>{formatKwh(period.baseline_kwh)}</Text>
          <Text style={styles.cell}>
            {period.actual_kwh === null || period.actual_kwh === undefined ? "waiting" : formatKwh(period.actual_kwh)}
          </Text>
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row", paddingVertical: space.xs, borderBottomWidth: 1, borderColor: colors.border },
  head: { borderBottomWidth: 2 },
  cell: { flex: 1, fontSize: font.small, color: colors.text },
  bold: { fontWeight: "700" },
});
