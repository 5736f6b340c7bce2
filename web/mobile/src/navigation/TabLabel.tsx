import { StyleSheet, Text } from "react-native";
import { font } from "../ui/theme";

interface Props {
  text: string;
  focused: boolean;
  color: string;
}

/** A tab's label: the shown tab is underlined as well as coloured, so colour is never the only cue. */
function TabLabel({ text, focused, color }: Props) {
  return <Text style={[styles.label, { color }, focused && styles.focused]}>{text}</Text>;
}

/** A tab's options for its label, its accessible name the same words. */
export function tabLabel(text: string) {
  return {
    tabBarLabel: ({ focused, color }: { focused: boolean; color: string }) => <TabLabel text={text} focused={focused} color={color} />,
    tabBarAccessibilityLabel: text,
  };
}

const styles = StyleSheet.create({
  label: { fontSize: font.small, fontWeight: "700", textAlign: "center" },
  focused: { textDecorationLine: "underline" },
});
