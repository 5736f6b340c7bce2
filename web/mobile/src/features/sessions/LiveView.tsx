import { StyleSheet, Text } from "react-native";
import type { LiveProgress } from "../../api/types";
import { formatKwh, formatPercent, formatTime } from "../../lib/format";
import { Card } from "../../ui/Card";
import { PairedBars } from "../../ui/charts/PairedBars";
import { colors, font } from "../../ui/theme";
import type { LiveStatus } from "./liveStream";
import { PeriodTable } from "./PeriodTable";

const STATUS: Record<LiveStatus, string> = {
  connecting: "Connecting to your meter's live figures…",
  live: "Live: updates as your meter readings arrive.",
  reconnecting: "Connection lost. Reconnecting…",
  unavailable: "Live figures are not available.",
};

/** The household's progress so far, pushed by the server's live stream. */
export function LiveView({ progress, status, timeZone }: { progress: LiveProgress | null; status: LiveStatus; timeZone: string | undefined }) {
  const periods = (progress?.periods ?? []).map((period) => ({
    start: period.start,
    baseline_kwh: period.baseline_kwh,
    actual_kwh: period.reporting > 0 ? period.actual_kwh : null,
  }));
  const reported = periods.filter((period) => period.actual_kwh !== null);
  const baseline = reported.reduce((sum, period) => sum + period.baseline_kwh, 0);
  const saved = progress?.saved_kwh ?? 0;
  return (
    <Card title="Live now">
      <Text style={styles.status} aria-live="polite">
        {STATUS[status]}
      </Text>
      {progress && (
        <>
          <Text style={styles.big}>
            {saved >= 0 ? `Saved so far: ${formatKwh(saved)}` : `So far ${formatKwh(-saved)} more than usual`}
          </Text>
          {baseline > 0 && <Text style={styles.text}>{formatPercent((saved / baseline) * 100)} of your usual use</Text>}
          {reported.length === 0 && <Text style={styles.text}>Waiting for your first meter readings of this session.</Text>}
          <PairedBars
            pairs={periods.map((period) => ({
              label: formatTime(period.start, timeZone),
              baseline: period.baseline_kwh,
              actual: period.actual_kwh,
            }))}
            summary={`Your use so far against your usual use over ${periods.length} half-hour periods.`}
          />
          <PeriodTable periods={periods} timeZone={timeZone} />
        </>
      )}
    </Card>
  );
}

const styles = StyleSheet.create({
  status: { fontSize: font.body, fontWeight: "700", color: colors.text },
  text: { fontSize: font.body, color: colors.text },
  big: { fontSize: font.title, fontWeight: "800", color: colors.primary },
});
