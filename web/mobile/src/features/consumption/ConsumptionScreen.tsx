import { saveFile } from "@shared/api/download";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Platform, StyleSheet, Text } from "react-native";
import { useApi } from "../../auth/AuthProvider";
import { useFormat } from "../../lib/format";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Bars } from "../../ui/charts/Bars";
import { Screen } from "../../ui/Screen";
import { Segmented } from "../../ui/Segmented";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { useHousehold } from "../profile/queries";
import { finestResolution, rangeFor, type DayDetail, type Span } from "./ranges";

export function ConsumptionScreen() {
  const { t } = useTranslation("consumption");
  const format = useFormat();
  const api = useApi();
  const household = useHousehold();
  const timeZone = household.data?.time_zone;
  const [span, setSpan] = useState<Span>("day");
  const [detail, setDetail] = useState<DayDetail>("hourly");
  const finest = finestResolution(household.data?.meters);
  const range = rangeFor(span, new Date(), timeZone, detail === "fine" ? finest : "1h");
  const series = useQuery({
    queryKey: ["consumption", range.from, range.to, range.resolution],
    queryFn: () => api.consumption(range),
  });
  // A download needs a browser; the phone app shows the same figures on screen.
  const download = useMutation({
    mutationFn: () => api.consumptionExport(range),
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
  const spans = [
    { value: "day", label: t("span.day") },
    { value: "week", label: t("span.week") },
    { value: "month", label: t("span.month") },
  ] as const;
  const details = [
    { value: "hourly", label: t("detail.hourly") },
    { value: "fine", label: t(`detail.${finest}`) },
  ] as const;

  function summary(buckets: { complete: boolean; estimated: boolean }[], total: number): string {
    const partial = buckets.filter((bucket) => !bucket.complete || bucket.estimated).length;
    const whole = t("summary", { count: buckets.length, length: t(`barLength.${range.barLength}`), kwh: format.kwh(total) });
    return partial === 0 ? whole : `${whole} ${t("summaryPartial", { count: partial })}`;
  }

  return (
    <Screen onRefresh={() => series.refetch()} refreshing={series.isRefetching}>
      <Segmented<Span> label={t("span.label")} options={spans} value={span} onChange={setSpan} />
      {/* The finest choice depends on the meters, so it waits for the household. */}
      {span === "day" && household.data && (
        <Segmented<DayDetail> label={t("detail.label")} options={details} value={detail} onChange={setDetail} />
      )}
      {series.isPending ? (
        <Loading label={t("loading")} />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => series.refetch()} />
      ) : series.data.buckets.length === 0 ? (
        <Empty text={t("empty")} />
      ) : (
        <Card title={t("total", { kwh: format.kwh(series.data.total_kwh) })}>
          <Bars
            labelEvery={range.labelEvery}
            summary={summary(series.data.buckets, series.data.total_kwh)}
            bars={series.data.buckets.map((bucket) => ({
              label: range.label(format, bucket.start, series.data.time_zone),
              value: bucket.kwh,
              partial: !bucket.complete || bucket.estimated,
            }))}
          />
          <Text style={styles.note}>{t("note", { timeZone: series.data.time_zone })}</Text>
          {Platform.OS === "web" && (
            <Button
              label={t("download")}
              variant="secondary"
              busy={download.isPending}
              onPress={() => download.mutate()}
            />
          )}
          {download.isError && <ErrorState error={download.error} onRetry={() => download.mutate()} />}
        </Card>
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  note: { fontSize: font.small, color: colors.muted },
});
