import { useQuery } from "@tanstack/react-query";
import { programmeApi } from "../../api/endpoints";

export function useProgramme() {
  return useQuery({ queryKey: ["programme"], queryFn: programmeApi.get, staleTime: Infinity });
}
