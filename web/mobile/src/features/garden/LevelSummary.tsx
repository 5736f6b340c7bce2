import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import type { LevelStatus } from "../../api/types";
import { useFormat } from "../../lib/format";
import { ProgressBar } from "../../ui/ProgressBar";
import { colors, font, space } from "../../ui/theme";
import { usePointsWords } from "../points/words";

interface Props {
  level: LevelStatus;
  /** With the points earned over all time and the day the level was reached (the Garden). */
  detailed?: boolean;
  timeZone?: string;
}

/** The household's level, and how far it is to the next one. */
export function LevelSummary({ level, detailed = false, timeZone }: Props) {
  const { t } = useTranslation("garden");
  const format = useFormat();
  const words = usePointsWords();
  const next = level.next;
  return (
    <View style={styles.box}>
      <Text style={styles.level}>{t("level.name", { number: level.number, name: level.name })}</Text>
      {detailed && <Text style={styles.text}>{t("level.lifetime", { points: words.amount(level.lifetime_points) })}</Text>}
      {next ? (
        <>
          <ProgressBar
            label={t("level.progress", { number: next.number })}
            value={level.lifetime_points - level.level_points}
            max={next.points - level.level_points}
            valueText={t("level.progressValue", {
              have: format.count(level.lifetime_points),
              need: format.count(next.points),
              count: next.points,
            })}
          />
          <Text style={styles.text}>{t("level.toNext", { points: words.amount(next.points_to_go), number: next.number, name: next.name })}</Text>
        </>
      ) : (
        <Text style={styles.text}>{t("level.top")}</Text>
      )}
      {detailed && level.reached_at && <Text style={styles.note}>{t("level.since", { date: format.date(level.reached_at, timeZone) })}</Text>}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.sm },
  level: { fontSize: font.title, fontWeight: "800", color: colors.primary },
  text: { fontSize: font.body, color: colors.text },
  note: { fontSize: font.small, color: colors.muted },
});
