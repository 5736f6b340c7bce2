import { Pressable, StyleSheet, Text, View } from "react-native";
import { colors, font, space, TOUCH_TARGET } from "./theme";

/** One of the choices: the value kept and the words shown (and read out) for it. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  /** The language the label is written in, when it is not the app's (a language's own name). */
  lang?: string;
}

interface Props<T extends string> {
  label: string;
  options: readonly Choice<T>[];
  value: T | null;
  onChange(value: T): void;
  error?: string;
}

/** One choice out of a short list, as large radio buttons that wrap. */
export function Choices<T extends string>({ label, options, value, onChange, error }: Props<T>) {
  return (
    <View style={styles.box}>
      <Text style={styles.label}>{label}</Text>
      <View role="radiogroup" aria-label={label} style={styles.row}>
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <Pressable
              key={option.value}
              role="radio"
              aria-checked={checked}
              aria-label={option.label}
              // react-native-web writes `lang` on the element, so the name is read in its own language.
              {...(option.lang ? ({ lang: option.lang } as object) : {})}
              onPress={() => onChange(option.value)}
              style={[styles.choice, checked && styles.checked]}
            >
              <Text style={[styles.text, checked && styles.checkedText]}>
                {checked ? "✓ " : ""}
                {option.label}
              </Text>
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
    minWidth: TOUCH_TARGET,
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
