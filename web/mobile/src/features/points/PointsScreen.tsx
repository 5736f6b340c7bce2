import { StyleSheet, Text } from "react-native";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";
import { PointsEntryRow } from "./PointsEntryRow";
import { usePointsLedger } from "./queries";
import { formatPoints } from "./words";

/** The Green Points ledger, newest first. */
export function PointsScreen() {
  const ledger = usePointsLedger();
  const timeZone = useTimeZone();
  if (ledger.isPending) return <Loading label="Loading your Green Points…" />;
  if (ledger.isError) return <ErrorState error={ledger.error} onRetry={() => ledger.refetch()} />;
  const pages = ledger.data.pages;
  const entries = pages.flatMap((page) => page.items);
  return (
    <Screen onRefresh={() => ledger.refetch()} refreshing={ledger.isRefetching && !ledger.isFetchingNextPage}>
      <Card title="Balance">
        <Text style={styles.big}>{formatPoints(pages[0]?.balance ?? 0)}</Text>
        <Text style={styles.text}>Earned by saving energy in Saving Sessions.</Text>
      </Card>
      <Card title="History">
        {entries.length === 0 ? (
          <Empty text="No Green Points yet. Join a Saving Session and use less during it to earn some." />
        ) : (
          entries.map((entry) => (
            <PointsEntryRow key={`${entry.reason}:${entry.reference}:${entry.created_at}`} entry={entry} timeZone={timeZone} />
          ))
        )}
        {ledger.hasNextPage && (
          <Button
            label="Show older entries"
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
