import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import type { ResultStatus, SessionResult } from "../../api/types";
import { useFormat } from "../../lib/format";
import { Card } from "../../ui/Card";
import { PairedBars } from "../../ui/charts/PairedBars";
import { colors, font, space } from "../../ui/theme";
import { usePointsWords } from "../points/words";
import { PeriodTable } from "./PeriodTable";

interface Props {
  result: SessionResult;
  /** What the session paid the household so far (its ledger entries for the session). */
  pointsEarned: number;
  timeZone: string | undefined;
}

/** Whether the points line means something: a settled result, or points already paid. */
function showsPoints(status: ResultStatus, points: number): boolean {
  return points !== 0 || status === "provisional" || status === "final";
}

/** A mark beside the status so provisional and final differ by more than their words' colour. */
const MARK: Record<ResultStatus, string> = { pending: "○", provisional: "◐", final: "✓", insufficient_data: "–" };

export function ResultView({ result, pointsEarned, timeZone }: Props) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  const words = usePointsWords();
  const pairs = result.periods.map((period) => ({
    label: format.time(period.start, timeZone),
    baseline: period.baseline_kwh,
    actual: period.actual_kwh ?? null,
  }));
  const saved = result.saved_kwh;
  const earned = t("pointsEarned", { points: words.amount(pointsEarned) });
  return (
    <Card title={t("detail.resultTitle")}>
      <View style={styles.row}>
        <Text aria-hidden style={styles.status}>
          {MARK[result.status]}
        </Text>
        <Text style={styles.status}>{t(`result.${result.status}`)}</Text>
      </View>
      {result.reason && <Text style={styles.text}>{result.reason}</Text>}
      {saved !== null && saved !== undefined && (
        <View>
          <Text style={styles.big}>
            {saved >= 0 ? t("result.saved", { kwh: format.kwh(saved) }) : t("result.usedMore", { kwh: format.kwh(-saved) })}
          </Text>
          {result.percent_saved !== null && result.percent_saved !== undefined && (
            <Text style={styles.text}>{t("result.share", { percent: format.percent(result.percent_saved) })}</Text>
          )}
        </View>
      )}
      {showsPoints(result.status, pointsEarned) && (
        <Text style={styles.points} aria-label={earned}>
          {earned}
        </Text>
      )}
      {pairs.length > 0 && (
        <>
          <PairedBars pairs={pairs} summary={t("result.chart", { count: pairs.length })} />
          <PeriodTable periods={result.periods} timeZone={timeZone} />
        </>
      )}
    </Card>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row", gap: space.xs },
  status: { fontSize: font.body, fontWeight: "700", color: colors.text, flexShrink: 1 },
  text: { fontSize: font.body, color: colors.text },
  big: { fontSize: font.title, fontWeight: "800", color: colors.primary, marginTop: space.xs },
  points: { fontSize: font.body, fontWeight: "700", color: colors.primary },
});
