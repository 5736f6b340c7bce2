import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { LiveProgress } from "../../api/types";
import { useFormat } from "../../lib/format";
import { Card } from "../../ui/Card";
import { PairedBars } from "../../ui/charts/PairedBars";
import { colors, font } from "../../ui/theme";
import type { LiveStatus } from "./liveStream";
import { PeriodTable } from "./PeriodTable";

/** The household's progress so far, pushed by the server's live stream. */
export function LiveView({ progress, status, timeZone }: { progress: LiveProgress | null; status: LiveStatus; timeZone: string | undefined }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  const periods = (progress?.periods ?? []).map((period) => ({
    start: period.start,
    baseline_kwh: period.baseline_kwh,
    actual_kwh: period.reporting > 0 ? period.actual_kwh : null,
  }));
  const reported = periods.filter((period) => period.actual_kwh !== null);
  const baseline = reported.reduce((sum, period) => sum + period.baseline_kwh, 0);
  const saved = progress?.saved_kwh ?? 0;
  return (
    <Card title={t("live.title")}>
      <Text style={styles.status} aria-live="polite">
        {t(`live.${status}`)}
      </Text>
      {progress && (
        <>
          <Text style={styles.big}>
            {saved >= 0 ? t("live.savedSoFar", { kwh: format.kwh(saved) }) : t("live.moreSoFar", { kwh: format.kwh(-saved) })}
          </Text>
          {baseline > 0 && <Text style={styles.text}>{t("result.share", { percent: format.percent((saved / baseline) * 100) })}</Text>}
          {reported.length === 0 && <Text style={styles.text}>{t("live.waiting")}</Text>}
          <PairedBars
            pairs={periods.map((period) => ({
              label: format.time(period.start, timeZone),
              baseline: period.baseline_kwh,
              actual: period.actual_kwh,
            }))}
            summary={t("live.chart", { count: periods.length })}
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
