import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useTranslation } from "react-i18next";
import { ScrollView, StyleSheet, Text } from "react-native";
import { useLanguage } from "../../i18n/LanguageProvider";
import { LanguageSwitch } from "../../i18n/LanguageSwitch";
import type { AuthStackParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { useContentColumn } from "../../ui/layout";
import { colors, font, space } from "../../ui/theme";

export function WelcomeScreen({ navigation }: NativeStackScreenProps<AuthStackParams, "Welcome">) {
  const { t } = useTranslation(["auth", "common"]);
  const { language, choose } = useLanguage();
  const column = useContentColumn();
  return (
    <ScrollView role="main" style={styles.screen} contentContainerStyle={[styles.content, column]}>
      <Text role="heading" aria-level={1} style={styles.title}>
        {t("common:appName")}
      </Text>
      <Text style={styles.text}>{t("welcome.intro")}</Text>
      <Button label={t("welcome.register")} onPress={() => navigation.navigate("Register")} />
      <Button label={t("welcome.signIn")} variant="secondary" onPress={() => navigation.navigate("SignIn")} />
      <LanguageSwitch value={language} onChange={choose} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  content: { flexGrow: 1, justifyContent: "center", gap: space.md },
  title: { fontSize: font.headline, fontWeight: "800", color: colors.primary },
  text: { fontSize: font.body, color: colors.text },
});
