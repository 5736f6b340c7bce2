import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import type { ResultPeriod } from "../../api/types";
import { useFormat } from "../../lib/format";
import { colors, font, space } from "../../ui/theme";

/** The figures behind the chart, one row per half hour: the chart's accessible equivalent. */
export function PeriodTable({ periods, timeZone }: { periods: ResultPeriod[]; timeZone: string | undefined }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  return (
    <View role="table" aria-label={t("table.name")}>
      <View role="row" style={[styles.row, styles.head]}>
        <Text role="columnheader" style={[styles.cell, styles.bold]}>
          {t("table.from")}
        </Text>
        <Text role="columnheader" style={[styles.cell, styles.bold]}>
          {t("table.usual")}
        </Text>
        <Text role="columnheader" style={[styles.cell, styles.bold]}>
          {t("table.yours")}
        </Text>
      </View>
      {periods.map((period) => (
        <View role="row" key={period.start} style={styles.row}>
          <Text role="rowheader" style={styles.cell}>
            {format.time(period.start, timeZone)}
          </Text>
          <Text role="cell" style={styles.cell}>
            {format.kwh(period.baseline_kwh)}
          </Text>
          <Text role="cell" style={styles.cell}>
            {period.actual_kwh === null || period.actual_kwh === undefined ? t("table.waiting") : format.kwh(period.actual_kwh)}
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
