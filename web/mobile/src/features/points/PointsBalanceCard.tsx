import { StyleSheet, Text } from "react-native";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { usePointsBalance } from "./queries";
import { formatPoints } from "./words";

/** The Green Points balance, with the way to its history. */
export function PointsBalanceCard({ onOpen }: { onOpen(): void }) {
  const balance = usePointsBalance();
  return (
    <Card title="Green Points">
      {balance.isPending ? (
        <Loading />
      ) : balance.isError ? (
        <ErrorState error={balance.error} onRetry={() => balance.refetch()} />
      ) : (
        <Text style={styles.big} aria-label={`Balance: ${formatPoints(balance.data)}`}>
          {formatPoints(balance.data)}
        </Text>
      )}
      <Button label="Green Points history" variant="secondary" onPress={onOpen} />
    </Card>
  );
}

const styles = StyleSheet.create({
  big: { fontSize: font.headline, fontWeight: "800", color: colors.primary },
});
