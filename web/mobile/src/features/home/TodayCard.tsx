import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { useApi } from "../../auth/AuthProvider";
import { useFormat } from "../../lib/format";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { UsualDayLine } from "./UsualDayLine";

export function TodayCard() {
  const { t } = useTranslation("home");
  const format = useFormat();
  const api = useApi();
  const summary = useQuery({ queryKey: ["consumption", "summary"], queryFn: api.summary, refetchInterval: 300_000 });
  return (
    <Card title={t("today.title")}>
      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <>
          <Text style={styles.big}>{format.kwh(summary.data.today.kwh)}</Text>
          <UsualDayLine />
          {summary.data.week_change_percent !== null && summary.data.week_change_percent !== undefined && (
            <Text style={styles.text}>
              {summary.data.week_change_percent <= 0
                ? t("today.weekLess", { percent: format.percent(-summary.data.week_change_percent) })
                : t("today.weekMore", { percent: format.percent(summary.data.week_change_percent) })}
            </Text>
          )}
          {summary.data.today.completeness < 0.9 && (
            <Text style={styles.note}>{t("today.incomplete")}</Text>
          )}
        </>
      )}
    </Card>
  );
}

const styles = StyleSheet.create({
  big: { fontSize: font.headline, fontWeight: "800", color: colors.primary },
  text: { fontSize: font.body, color: colors.text },
  note: { fontSize: font.small, color: colors.muted },
});
