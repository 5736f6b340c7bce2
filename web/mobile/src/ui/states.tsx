import { useTranslation } from "react-i18next";
import { ActivityIndicator, StyleSheet, Text, View } from "react-native";
import { useErrorMessage } from "../api/errors";
import { Button } from "./Button";
import { colors, font, space } from "./theme";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t("state.loading");
  return (
    <View style={styles.box} role="progressbar" aria-label={text}>
      <ActivityIndicator color={colors.primary} />
      <Text style={styles.text}>{text}</Text>
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <View style={styles.box}>
      <Text role="alert" style={[styles.text, styles.error]}>
        {message(error)}
      </Text>
      {onRetry && <Button label={t("state.tryAgain")} variant="secondary" onPress={onRetry} />}
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <View style={styles.box}>
      <Text style={styles.text}>{text}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { padding: space.md, gap: space.sm, alignItems: "center" },
  text: { fontSize: font.body, color: colors.muted, textAlign: "center" },
  error: { color: colors.danger, fontWeight: "600" },
});
