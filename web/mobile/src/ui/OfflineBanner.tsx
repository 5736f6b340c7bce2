import { onlineManager } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { colors, font, space } from "./theme";

export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useSyncExternalStore(onlineManager.subscribe.bind(onlineManager), () => onlineManager.isOnline());
  if (online) return null;
  return (
    <Text role="alert" style={styles.banner}>
      {t("state.offline")}
    </Text>
  );
}

const styles = StyleSheet.create({
  banner: {
    backgroundColor: colors.warning,
    color: colors.onPrimary,
    padding: space.sm,
    borderRadius: 8,
    fontSize: font.small,
    fontWeight: "600",
  },
});
