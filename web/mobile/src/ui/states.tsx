import { ActivityIndicator, StyleSheet, Text, View } from "react-native";
import { errorMessage } from "../api/errors";
import { Button } from "./Button";
import { colors, font, space } from "./theme";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <View style={styles.box} role="progressbar" aria-label={label}>
      <ActivityIndicator color={colors.primary} />
      <Text style={styles.text}>{label}</Text>
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View style={styles.box}>
      <Text role="alert" style={[styles.text, styles.error]}>
        {errorMessage(error)}
      </Text>
      {onRetry && <Button label="Try again" variant="secondary" onPress={onRetry} />}
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
