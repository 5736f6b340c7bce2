import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import type { BadgeProgress, BadgeStatus } from "../../api/types";
import { useFormat, type Format } from "../../lib/format";
import { ProgressBar } from "../../ui/ProgressBar";
import { colors, font, space } from "../../ui/theme";
import { usePointsWords } from "../points/words";
import { BadgeGlyph } from "./BadgeGlyph";

/** A badge's progress as its figures: sessions and months counted, kWh and per cent with their units. */
function useProgressText() {
  const { t } = useTranslation("badges");
  return (progress: BadgeProgress, format: Format) => {
    const { current, target, unit } = progress;
    switch (unit) {
      case "sessions":
      case "months":
        return t(`unit.${unit}`, { current: format.count(current), target: format.count(target), count: target });
      case "kwh":
        return t("unit.kwh", { current: format.number(current, 2), target: format.number(target, 2) });
      case "percent":
        return t("unit.percent", { current: format.percent(current), target: format.percent(target) });
    }
  };
}

/** One badge: its icon, name and description, the points it pays, and when earned or how far along. */
export function BadgeRow({ badge, timeZone }: { badge: BadgeStatus; timeZone: string | undefined }) {
  const { t } = useTranslation("badges");
  const format = useFormat();
  const words = usePointsWords();
  const progressText = useProgressText();
  const earnedAt = badge.earned_at;
  return (
    <View role="listitem" style={styles.row}>
      <BadgeGlyph icon={badge.icon} earned={Boolean(earnedAt)} />
      <View style={styles.what}>
        <Text style={styles.name}>{badge.name}</Text>
        <Text style={styles.text}>{badge.description}</Text>
        {earnedAt ? (
          <Text style={styles.earned}>{t("badge.earnedOn", { date: format.date(earnedAt, timeZone) })}</Text>
        ) : (
          <>
            <ProgressBar
              label={t("badge.progress", { name: badge.name })}
              value={badge.progress.current}
              max={badge.progress.target}
              valueText={progressText(badge.progress, format)}
            />
            <Text style={styles.text}>{progressText(badge.progress, format)}</Text>
          </>
        )}
        <Text style={styles.note}>{t("badge.reward", { points: words.amount(badge.points) })}</Text>
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row", gap: space.md, paddingVertical: space.sm, borderBottomWidth: 1, borderColor: colors.border },
  what: { flex: 1, gap: space.xs },
  name: { fontSize: font.body, fontWeight: "700", color: colors.text },
  text: { fontSize: font.body, color: colors.text },
  earned: { fontSize: font.body, fontWeight: "700", color: colors.primary },
  note: { fontSize: font.small, color: colors.muted },
});
