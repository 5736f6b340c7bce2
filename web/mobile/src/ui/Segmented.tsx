import { Pressable, StyleSheet, Text, View } from "react-native";
import { colors, font, TOUCH_TARGET } from "./theme";

interface Props<T extends string> {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange(value: T): void;
}

/** A row of mutually exclusive choices (tabs within a screen). */
export function Segmented<T extends string>({ label, options, value, onChange }: Props<T>) {
  return (
    <View role="tablist" aria-label={label} style={styles.row}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <Pressable
            key={option.value}
            role="tab"
            aria-selected={selected}
            aria-label={option.label}
            onPress={() => onChange(option.value)}
            style={[styles.option, selected && styles.selected]}
          >
            <Text style={[styles.text, selected && styles.selectedText]}>{option.label}</Text>
          </Pressable>
        );
      })}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row", borderWidth: 2, borderColor: colors.primary, borderRadius: 8, overflow: "hidden" },
  option: { flex: 1, minHeight: TOUCH_TARGET, alignItems: "center", justifyContent: "center" },
  selected: { backgroundColor: colors.primary },
  text: { fontSize: font.body, fontWeight: "600", color: colors.primary },
  selectedText: { color: colors.onPrimary },
});
