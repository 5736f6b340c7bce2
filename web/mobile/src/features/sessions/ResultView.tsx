import { StyleSheet, Text, View } from "react-native";
import type { ResultStatus, SessionResult } from "../../api/types";
import { formatKwh, formatPercent, formatTime } from "../../lib/format";
import { Card } from "../../ui/Card";
import { PairedBars } from "../../ui/charts/PairedBars";
import { colors, font, space } from "../../ui/theme";
import { formatPoints } from "../points/words";
import { PeriodTable } from "./PeriodTable";

const STATUS: Record<ResultStatus, string> = {
  pending: "Waiting for the session to end and its meter data to arrive.",
  provisional: "Provisional: it may change as late meter data arrives.",
  final: "Final result.",
  insufficient_data: "No result: there is not enough meter data.",
};

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

export function ResultView({ result, pointsEarned, timeZone }: Props) {
  const pairs = result.periods.map((period) => ({
    label: formatTime(period.start, timeZone),
    baseline: period.baseline_kwh,
    actual: period.actual_kwh ?? null,
  }));
  const saved = result.saved_kwh;
  return (
    <Card title="Your result">
      <Text style={styles.status}>{STATUS[result.status]}</Text>
      {result.reason && <Text style={styles.text}>{result.reason}</Text>}
      {saved !== null && saved !== undefined && (
        <View>
          <Text style={styles.big}>{saved >= 0 ? `Saved ${formatKwh(saved)}` : `Used ${formatKwh(-saved)} more`}</Text>
          {result.percent_saved !== null && result.percent_saved !== undefined && (
            <Text style={styles.text}>{formatPercent(result.percent_saved)} of your usual use</Text>
          )}
        </View>
      )}
      {showsPoints(result.status, pointsEarned) && (
        <Text style={styles.points} aria-label={`Green Points earned: ${formatPoints(pointsEarned)}`}>
          Green Points earned: {formatPoints(pointsEarned)}
        </Text>
      )}
      {pairs.length > 0 && (
        <>
          <PairedBars
            pairs={pairs}
            summary={`Your use against your usual use over ${pairs.length} half-hour periods.`}
          />
          <PeriodTable periods={result.periods} timeZone={timeZone} />
        </>
      )}
    </Card>
  );
}

const styles = StyleSheet.create({
  status: { fontSize: font.body, fontWeight: "700", color: colors.text },
  text: { fontSize: font.body, color: colors.text },
  big: { fontSize: font.title, fontWeight: "800", color: colors.primary, marginTop: space.xs },
  points: { fontSize: font.body, fontWeight: "700", color: colors.primary },
});
