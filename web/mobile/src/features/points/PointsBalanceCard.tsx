import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { usePointsBalance } from "./queries";
import { usePointsWords } from "./words";

/** The Green Points balance, with the way to its history. */
export function PointsBalanceCard({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation("points");
  const words = usePointsWords();
  const balance = usePointsBalance();
  return (
    <Card title={t("card.title")}>
      {balance.isPending ? (
        <Loading />
      ) : balance.isError ? (
        <ErrorState error={balance.error} onRetry={() => balance.refetch()} />
      ) : (
        <Text style={styles.big} aria-label={t("card.balance", { points: words.amount(balance.data) })}>
          {words.amount(balance.data)}
        </Text>
      )}
      <Button label={t("card.history")} variant="secondary" onPress={onOpen} />
    </Card>
  );
}

const styles = StyleSheet.create({
  big: { fontSize: font.headline, fontWeight: "800", color: colors.primary },
});
