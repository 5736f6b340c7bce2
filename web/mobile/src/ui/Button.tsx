import { ActivityIndicator, Pressable, StyleSheet, Text } from "react-native";
import { colors, font, space, TOUCH_TARGET } from "./theme";

interface Props {
  label: string;
  onPress(): void;
  variant?: "primary" | "secondary" | "danger";
  disabled?: boolean;
  busy?: boolean;
  hint?: string;
}

export function Button({ label, onPress, variant = "primary", disabled, busy, hint }: Props) {
  const inactive = disabled || busy;
  const primary = variant === "primary";
  return (
    <Pressable
      role="button"
      aria-label={label}
      aria-disabled={inactive}
      aria-busy={busy}
      accessibilityHint={hint}
      disabled={inactive}
      onPress={onPress}
      style={({ pressed }) => [
        styles.base,
        primary ? styles.primary : styles.outline,
        variant === "danger" && styles.danger,
        (pressed || inactive) && styles.dimmed,
      ]}
    >
      {busy ? (
        <ActivityIndicator color={primary ? colors.onPrimary : colors.primary} />
      ) : (
        <Text style={[styles.label, primary ? styles.onPrimary : variant === "danger" ? styles.onDanger : styles.onOutline]}>
          {label}
        </Text>
      )}
    </Pressable>
  );
}

const styles = StyleSheet.create({
  base: {
    minHeight: TOUCH_TARGET,
    minWidth: TOUCH_TARGET,
    paddingHorizontal: space.md,
    borderRadius: 8,
    alignItems: "center",
    justifyContent: "center",
  },
  primary: { backgroundColor: colors.primary },
  outline: { backgroundColor: colors.background, borderWidth: 2, borderColor: colors.primary },
  danger: { borderColor: colors.danger },
  dimmed: { opacity: 0.6 },
  label: { fontSize: font.body, fontWeight: "700" },
  onPrimary: { color: colors.onPrimary },
  onOutline: { color: colors.primary },
  onDanger: { color: colors.danger },
});
