import type { ReactNode } from "react";
import { RefreshControl, ScrollView, StyleSheet } from "react-native";
import { useContentColumn } from "./layout";
import { OfflineBanner } from "./OfflineBanner";
import { colors, space } from "./theme";

interface Props {
  children: ReactNode;
  /** Pull to refresh. */
  onRefresh?: () => void;
  refreshing?: boolean;
}

export function Screen({ children, onRefresh, refreshing = false }: Props) {
  const column = useContentColumn();
  return (
    <ScrollView
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
