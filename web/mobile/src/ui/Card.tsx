import type { ReactNode } from "react";
import { StyleSheet, Text, View } from "react-native";
import { colors, font, space } from "./theme";

export function Card({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <View style={styles.card}>
      {title !== undefined && (
        <Text role="heading" style={styles.title}>
          {title}
        </Text>
      )}
      {children}
    </View>
  );
}

const styles = StyleSheet.create({
  card: {
    backgroundColor: colors.surface,
    borderRadius: 12,
    padding: space.md,
    gap: space.sm,
    borderWidth: 1,
    borderColor: colors.border,
  },
  title: { fontSize: font.title, fontWeight: "700", color: colors.text },
});
