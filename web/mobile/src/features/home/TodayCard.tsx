import { useQuery } from "@tanstack/react-query";
import { StyleSheet, Text } from "react-native";
import { useApi } from "../../auth/AuthProvider";
import { formatKwh, formatPercent } from "../../lib/format";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { UsualDayLine } from "./UsualDayLine";

export function TodayCard() {
  const api = useApi();
  const summary = useQuery({ queryKey: ["consumption", "summary"], queryFn: api.summary, refetchInterval: 300_000 });
  return (
    <Card title="Today so far">
      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <>
          <Text style={styles.big}>{formatKwh(summary.data.today.kwh)}</Text>
          <UsualDayLine />
          {summary.data.week_change_percent !== null && summary.data.week_change_percent !== undefined && (
            <Text style={styles.text}>
              This week:{" "}
              {summary.data.week_change_percent <= 0
                ? `${formatPercent(-summary.data.week_change_percent)} less`
                : `${formatPercent(summary.data.week_change_percent)} more`}{" "}
              than the same days last week
            </Text>
          )}
          {summary.data.today.completeness < 0.9 && (
            <Text style={styles.note}>Some of today's meter readings have not arrived yet.</Text>
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
