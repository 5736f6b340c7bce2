import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";
import { PointsEntryRow } from "./PointsEntryRow";
import { usePointsLedger } from "./queries";
import { usePointsWords } from "./words";

/** The Green Points ledger, newest first. */
export function PointsScreen() {
  const { t } = useTranslation("points");
  const words = usePointsWords();
  const ledger = usePointsLedger();
  const timeZone = useTimeZone();
  // Inside Screen even while loading or failed: it is the page's main landmark.
  if (ledger.isPending) {
    return (
      <Screen>
        <Loading label={t("screen.loading")} />
      </Screen>
    );
  }
  if (ledger.isError) {
    return (
      <Screen>
        <ErrorState error={ledger.error} onRetry={() => ledger.refetch()} />
      </Screen>
    );
  }
  const pages = ledger.data.pages;
  const entries = pages.flatMap((page) => page.items);
  return (
    <Screen onRefresh={() => ledger.refetch()} refreshing={ledger.isRefetching && !ledger.isFetchingNextPage}>
      <Card title={t("screen.balance")}>
        <Text style={styles.big}>{words.amount(pages[0]?.balance ?? 0)}</Text>
        <Text style={styles.text}>{t("screen.earnedBy")}</Text>
      </Card>
      <Card title={t("screen.history")}>
        {entries.length === 0 ? (
          <Empty text={t("screen.empty")} />
        ) : (
          entries.map((entry) => (
            <PointsEntryRow key={`${entry.reason}:${entry.reference}:${entry.created_at}`} entry={entry} timeZone={timeZone} />
          ))
        )}
        {ledger.hasNextPage && (
          <Button
            label={t("screen.older")}
            variant="secondary"
            busy={ledger.isFetchingNextPage}
            onPress={() => void ledger.fetchNextPage()}
          />
        )}
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({
  big: { fontSize: font.headline, fontWeight: "800", color: colors.primary },
  text: { fontSize: font.body, color: colors.text },
});
