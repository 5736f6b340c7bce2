import { useTranslation } from "react-i18next";
import { Pressable, StyleSheet, Text, View } from "react-native";
import type { Progress } from "../../api/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font, space } from "../../ui/theme";
import { GardenPicture, useGardenSummary } from "./GardenPicture";
import { LevelSummary } from "./LevelSummary";
import { useProgress } from "./queries";
import { StreakSummary } from "./StreakSummary";

interface Props {
  onOpen(): void;
  onBadges(): void;
}

function GardenGlance({ progress, onOpen }: { progress: Progress; onOpen(): void }) {
  const summary = useGardenSummary(progress.garden);
  return (
    <>
      <LevelSummary level={progress.level} />
      {/* A larger place to tap than the button below, which screen readers and keyboards use instead. */}
      <Pressable
        onPress={onOpen}
        focusable={false}
        aria-hidden
        importantForAccessibility="no-hide-descendants"
        accessibilityElementsHidden
        style={({ pressed }) => pressed && styles.pressed}
      >
        <GardenPicture garden={progress.garden} size="thumbnail" />
      </Pressable>
      <Text style={styles.text}>{summary}</Text>
      <StreakSummary streak={progress.streak} />
    </>
  );
}

/** Home's glance at the garden: level, a small picture that opens the garden, and the streak. */
export function GardenHomeCard({ onOpen, onBadges }: Props) {
  const { t } = useTranslation("garden");
  const progress = useProgress();
  return (
    <Card title={t("home.title")}>
      {progress.isPending ? (
        <Loading />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => progress.refetch()} />
      ) : (
        <GardenGlance progress={progress.data} onOpen={onOpen} />
      )}
      <View style={styles.buttons}>
        <Button label={t("home.open")} onPress={onOpen} />
        <Button label={t("home.badges")} variant="secondary" onPress={onBadges} />
      </View>
    </Card>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
  pressed: { opacity: 0.8 },
  buttons: { gap: space.sm },
});
