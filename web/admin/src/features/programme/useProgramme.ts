import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { programmeApi } from "../../api/endpoints";
import { formatClockTime, formatDateTime, formatDateTimeRange, formatShortDate, formatTime } from "../../lib/format";

export function useProgramme() {
  return useQuery({ queryKey: ["programme"], queryFn: programmeApi.get, staleTime: Infinity });
}

/** Formats instants in the programme's time zone (the browser's until it is known). */
export function useDateTimeFormat(): (iso: string) => string {
  const timeZone = useProgramme().data?.time_zone;
  return useCallback((iso: string) => formatDateTime(iso, timeZone), [timeZone]);
}

/** Formats the day of instants, without the year, in the programme's time zone. */
export function useShortDateFormat(): (iso: string) => string {
  const timeZone = useProgramme().data?.time_zone;
  return useCallback((iso: string) => formatShortDate(iso, timeZone), [timeZone]);
}

/** Formats a span of two instants in the programme's time zone. */
export function useDateTimeRangeFormat(): (startIso: string, endIso: string) => string {
  const timeZone = useProgramme().data?.time_zone;
  return useCallback((startIso: string, endIso: string) => formatDateTimeRange(startIso, endIso, timeZone), [timeZone]);
}

/** Formats the time of day of instants in the programme's time zone. */
export function useTimeFormat(): (iso: string) => string {
  const timeZone = useProgramme().data?.time_zone;
  return useCallback((iso: string) => formatTime(iso, timeZone), [timeZone]);
}

/** Formats instants (ms since the epoch) as clock times to the second in the programme's time zone. */
export function useClockTimeFormat(): (instant: number) => string {
  const timeZone = useProgramme().data?.time_zone;
  return useCallback((instant: number) => formatClockTime(instant, timeZone), [timeZone]);
}
