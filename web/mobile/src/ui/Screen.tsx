import type { ReactNode } from "react";
import { Platform, RefreshControl, ScrollView, StyleSheet } from "react-native";
import { useContentColumn } from "./layout";
import { OfflineBanner } from "./OfflineBanner";
import { colors, space } from "./theme";

interface Props {
  children: ReactNode;
  /** Pull to refresh. */
  onRefresh?: () => void;
  refreshing?: boolean;
}

/**
 * A screen's scrolling content: the page's main landmark on the web. It takes keyboard focus
 * there, so a screen without a button or a field (a result) can still be scrolled by keyboard.
 */
export function Screen({ children, onRefresh, refreshing = false }: Props) {
  const column = useContentColumn();
  return (
    <ScrollView
      role="main"
      focusable={Platform.OS === "web"}
      style={styles.screen}
      contentContainerStyle={[styles.content, column]}
      keyboardShouldPersistTaps="handled"
      refreshControl={onRefresh ? <RefreshControl refreshing={refreshing} onRefresh={onRefresh} /> : undefined}
    >
      <OfflineBanner />
      {children}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  content: { gap: space.md },
});
