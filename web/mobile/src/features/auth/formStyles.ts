import { StyleSheet } from "react-native";
import { colors, font } from "../../ui/theme";

export const formStyles = StyleSheet.create({
  error: { color: colors.danger, fontSize: font.body, fontWeight: "600" },
  hint: { color: colors.muted, fontSize: font.small },
});
