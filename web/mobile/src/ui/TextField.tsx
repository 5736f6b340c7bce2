import { StyleSheet, Text, TextInput, View, type TextInputProps } from "react-native";
import { colors, font, space, TOUCH_TARGET } from "./theme";

interface Props extends Omit<TextInputProps, "style"> {
  label: string;
  error?: string;
}

export function TextField({ label, error, ...input }: Props) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        aria-label={label}
        aria-invalid={error !== undefined}
        placeholderTextColor={colors.muted}
        style={[styles.input, error !== undefined && styles.invalid]}
        {...input}
      />
      {error !== undefined && (
        <Text role="alert" style={styles.error}>
          {error}
        </Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  field: { gap: space.xs },
  label: { fontSize: font.body, fontWeight: "600", color: colors.text },
  input: {
    minHeight: TOUCH_TARGET,
    borderWidth: 2,
    borderColor: colors.border,
    borderRadius: 8,
    paddingHorizontal: space.sm,
    fontSize: font.body,
    color: colors.text,
    backgroundColor: colors.background,
  },
  invalid: { borderColor: colors.danger },
  error: { color: colors.danger, fontSize: font.small, fontWeight: "600" },
});
