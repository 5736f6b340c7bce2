import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../auth/AuthProvider";

export function useHousehold() {
  const api = useApi();
  return useQuery({ queryKey: ["household"], queryFn: api.household });
}

/** The household's IANA time zone; undefined (the device's zone) until it is known. */
export function useTimeZone(): string | undefined {
  return useHousehold().data?.time_zone;
}
