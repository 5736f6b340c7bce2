import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import type { PointsEntry } from "../../api/types";
import { useFormat } from "../../lib/format";
import { colors, font, space } from "../../ui/theme";
import { usePointsWords } from "./words";

export function PointsEntryRow({ entry, timeZone }: { entry: PointsEntry; timeZone: string | undefined }) {
  const { t } = useTranslation("points");
  const format = useFormat();
  const words = usePointsWords();
  const title = words.entryTitle(entry);
  const points = words.amount(entry.points, true);
  return (
    <View style={styles.row} aria-label={t("screen.entry", { title, points })}>
      <View style={styles.what}>
        <Text style={styles.title}>{title}</Text>
        {entry.note ? <Text style={styles.small}>{entry.note}</Text> : null}
        <Text style={styles.small}>{format.dateTime(entry.created_at, timeZone)}</Text>
      </View>
      <Text style={[styles.points, entry.points < 0 && styles.negative]}>{points}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  row: {
    flexDirection: "row",
    flexWrap: "wrap",
    gap: space.sm,
    paddingVertical: space.sm,
    borderBottomWidth: 1,
    borderColor: colors.border,
  },
  what: { flex: 1, minWidth: 160, gap: space.xs },
  title: { fontSize: font.body, fontWeight: "700", color: colors.text },
  small: { fontSize: font.small, color: colors.muted },
  points: { fontSize: font.body, fontWeight: "800", color: colors.primary },
  negative: { color: colors.danger },
});
