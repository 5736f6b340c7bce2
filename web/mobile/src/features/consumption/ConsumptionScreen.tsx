import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { StyleSheet, Text } from "react-native";
import { useApi } from "../../auth/AuthProvider";
import { formatKwh } from "../../lib/format";
import { Card } from "../../ui/Card";
import { Bars } from "../../ui/charts/Bars";
import { Screen } from "../../ui/Screen";
import { Segmented } from "../../ui/Segmented";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { useHousehold } from "../profile/queries";
import { finestResolution, rangeFor, type DayDetail, type Span } from "./ranges";

const SPANS = [
  { value: "day", label: "Today" },
  { value: "week", label: "7 days" },
  { value: "month", label: "30 days" },
] as const;

export function ConsumptionScreen() {
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
  const details = [
    { value: "hourly", label: "Hourly" },
    { value: "fine", label: finest === "15m" ? "15 min" : "30 min" },
  ] as const;
  return (
    <Screen onRefresh={() => series.refetch()} refreshing={series.isRefetching}>
      <Segmented<Span> label="Period" options={SPANS} value={span} onChange={setSpan} />
      {/* The finest choice depends on the meters, so it waits for the household. */}
      {span === "day" && household.data && (
        <Segmented<DayDetail> label="Detail" options={details} value={detail} onChange={setDetail} />
      )}
      {series.isPending ? (
        <Loading label="Loading your consumption…" />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => series.refetch()} />
      ) : series.data.buckets.length === 0 ? (
        <Empty text="No meter readings for this period yet." />
      ) : (
        <Card title={`${formatKwh(series.data.total_kwh)} in all`}>
          <Bars
            unit="kWh"
            labelEvery={range.labelEvery}
            summary={`${series.data.buckets.length} bars of ${range.barLength} each, ${formatKwh(series.data.total_kwh)} in all.`}
            bars={series.data.buckets.map((bucket) => ({
              label: range.label(bucket.start, series.data.time_zone),
              value: bucket.kwh,
              partial: !bucket.complete || bucket.estimated,
            }))}
          />
          <Text style={styles.note}>
            Times in {series.data.time_zone}. Lighter bars are missing readings or include estimates.
          </Text>
        </Card>
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  note: { fontSize: font.small, color: colors.muted },
});
