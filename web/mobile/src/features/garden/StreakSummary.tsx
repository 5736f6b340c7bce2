import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import type { StreakStatus } from "../../api/types";
import { colors, font, space } from "../../ui/theme";
import { usePointsWords } from "../points/words";

/** The household's streak of successful sessions, its shields and the next streak bonus. */
export function StreakSummary({ streak, explainShields = false }: { streak: StreakStatus; explainShields?: boolean }) {
  const { t } = useTranslation("garden");
  const words = usePointsWords();
  const shieldsOn = streak.shield_every > 0;
  return (
    <View style={styles.box}>
      <Text style={styles.strong}>{t("streak.current", { count: streak.current })}</Text>
      <Text style={styles.text}>
        {t("streak.best", { count: streak.best })}
        {shieldsOn && ` · ${t("streak.shields", { count: streak.shields })}`}
      </Text>
      <Text style={styles.text}>{t("streak.toBonus", { count: streak.to_next_bonus, points: words.amount(streak.bonus_points) })}</Text>
      {explainShields && shieldsOn && (
        <Text style={styles.note}>{t("streak.shieldsExplain", { every: streak.shield_every, max: streak.max_shields })}</Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.xs },
  strong: { fontSize: font.body, fontWeight: "700", color: colors.text },
  text: { fontSize: font.body, color: colors.text },
  note: { fontSize: font.small, color: colors.muted },
});
