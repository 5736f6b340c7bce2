import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { StyleSheet, Text, View } from "react-native";
import type { AuthStackParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { useContentColumn } from "../../ui/layout";
import { colors, font, space } from "../../ui/theme";

export function WelcomeScreen({ navigation }: NativeStackScreenProps<AuthStackParams, "Welcome">) {
  const column = useContentColumn();
  return (
    <View style={[styles.screen, column]}>
      <Text role="heading" style={styles.title}>
        PowerSave
      </Text>
      <Text style={styles.text}>
        Join Saving Sessions when the grid is under stress, use less than usual and earn Green Points.
      </Text>
      <Button label="Create an account" onPress={() => navigation.navigate("Register")} />
      <Button label="Sign in" variant="secondary" onPress={() => navigation.navigate("SignIn")} />
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, justifyContent: "center", gap: space.md, backgroundColor: colors.background },
  title: { fontSize: font.headline, fontWeight: "800", color: colors.primary },
  text: { fontSize: font.body, color: colors.text, lineHeight: 24 },
});
