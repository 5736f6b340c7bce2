import { Pressable, StyleSheet, Text, View } from "react-native";
import { colors, font, space, TOUCH_TARGET } from "./theme";

interface Props {
  label: string;
  options: readonly string[];
  value: string | null;
  onChange(value: string): void;
  error?: string;
}

/** One choice out of a short list, as large radio buttons that wrap. */
export function Choices({ label, options, value, onChange, error }: Props) {
  return (
    <View style={styles.box}>
      <Text style={styles.label}>{label}</Text>
      <View role="radiogroup" aria-label={label} style={styles.row}>
        {options.map((option) => {
          const checked = option === value;
          return (
            <Pressable
              key={option}
              role="radio"
              aria-checked={checked}
              aria-label={option}
              onPress={() => onChange(option)}
              style={[styles.choice, checked && styles.checked]}
            >
              <Text style={[styles.text, checked && styles.checkedText]}>{option}</Text>
            </Pressable>
          );
        })}
      </View>
      {error !== undefined && (
        <Text role="alert" style={styles.error}>
          {error}
        </Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.xs },
  label: { fontSize: font.body, fontWeight: "600", color: colors.text },
  row: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  choice: {
    minHeight: TOUCH_TARGET,
    paddingHorizontal: space.md,
    justifyContent: "center",
    borderRadius: 24,
    borderWidth: 2,
    borderColor: colors.primary,
  },
  checked: { backgroundColor: colors.primary },
  text: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
  checkedText: { color: colors.onPrimary },
  error: { color: colors.danger, fontSize: font.small, fontWeight: "600" },
});
