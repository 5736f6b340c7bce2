import { useTranslation } from "react-i18next";
import { StyleSheet, View } from "react-native";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { space } from "../../ui/theme";
import { useProgress } from "../garden/queries";
import { useTimeZone } from "../profile/queries";
import { BadgeRow } from "./BadgeRow";

/** Every badge of the catalogue: those earned with their day, the rest with how far along. */
export function BadgesScreen() {
  const { t } = useTranslation("badges");
  const progress = useProgress();
  const timeZone = useTimeZone();
  if (progress.isPending) {
    return (
      <Screen>
        <Loading label={t("screen.loading")} />
      </Screen>
    );
  }
  if (progress.isError) {
    return (
      <Screen>
        <ErrorState error={progress.error} onRetry={() => progress.refetch()} />
      </Screen>
    );
  }
  const earned = progress.data.badges.filter((badge) => badge.earned_at);
  const toEarn = progress.data.badges.filter((badge) => !badge.earned_at);
  return (
    <Screen onRefresh={() => progress.refetch()} refreshing={progress.isRefetching}>
      <Card title={t("screen.earned")}>
        {earned.length === 0 ? (
          <Empty text={t("screen.noneEarned")} />
        ) : (
          <View role="list" aria-label={t("screen.earned")} style={styles.list}>
            {earned.map((badge) => (
              <BadgeRow key={badge.key} badge={badge} timeZone={timeZone} />
            ))}
          </View>
        )}
      </Card>
      <Card title={t("screen.toEarn")}>
        {toEarn.length === 0 ? (
          <Empty text={t("screen.allEarned")} />
        ) : (
          <View role="list" aria-label={t("screen.toEarn")} style={styles.list}>
            {toEarn.map((badge) => (
              <BadgeRow key={badge.key} badge={badge} timeZone={timeZone} />
            ))}
          </View>
        )}
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({
  list: { gap: space.xs },
});
