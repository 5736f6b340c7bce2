import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { Garden } from "../../api/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { colors, font } from "../../ui/theme";

/**
 * The garden's health in words, with the household's own figures. A garden that is not thriving
 * is an invitation to the next session, never a reproach.
 */
export function HealthCard({ garden, onSessions }: { garden: Garden; onSessions(): void }) {
  const { t } = useTranslation("garden");
  return (
    <Card title={t("healthCard.title")}>
      <Text style={styles.strong}>{t(`healthCard.${garden.health}`)}</Text>
      <Text style={styles.text}>{t("healthCard.record", { sessions: garden.recent_sessions, saved: garden.recent_saved })}</Text>
      <Text style={styles.note}>{t("healthCard.rule", { window: garden.health_window })}</Text>
      {garden.health !== "thriving" && <Button label={t("screen.sessions")} onPress={onSessions} />}
    </Card>
  );
}

const styles = StyleSheet.create({
  strong: { fontSize: font.body, fontWeight: "700", color: colors.text },
  text: { fontSize: font.body, color: colors.text },
  note: { fontSize: font.small, color: colors.muted },
});
