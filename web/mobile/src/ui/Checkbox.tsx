import { Pressable, StyleSheet, Text, View } from "react-native";
import { colors, font, space, TOUCH_TARGET } from "./theme";

interface Props {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string;
}

/**
 * A yes-or-no a person ticks themselves (a consent, a fact about their home): the whole row is
 * the checkbox, named by its label, and the tick is a ✓ as well as a filled box.
 */
export function Checkbox({ label, checked, onChange, error }: Props) {
  return (
    <View style={styles.box}>
      <Pressable
        role="checkbox"
        aria-checked={checked}
        aria-label={label}
        aria-invalid={error !== undefined}
        onPress={() => onChange(!checked)}
        style={styles.row}
      >
        <View style={[styles.square, checked && styles.ticked]}>
          <Text style={styles.tick}>{checked ? "✓" : ""}</Text>
        </View>
        <Text style={styles.label}>{label}</Text>
      </Pressable>
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
  row: { minHeight: TOUCH_TARGET, minWidth: TOUCH_TARGET, flexDirection: "row", alignItems: "center", gap: space.sm },
  square: {
    minWidth: 28,
    minHeight: 28,
    borderRadius: 4,
    borderWidth: 2,
    borderColor: colors.primary,
    backgroundColor: colors.background,
    alignItems: "center",
    justifyContent: "center",
  },
  ticked: { backgroundColor: colors.primary },
  tick: { color: colors.onPrimary, fontSize: font.body, fontWeight: "800" },
  label: { flex: 1, fontSize: font.body, color: colors.text, fontWeight: "600" },
  error: { color: colors.danger, fontSize: font.small, fontWeight: "600" },
});
