import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../auth/AuthProvider";
import type { Language } from "../../i18n/languages";

/** The signed-in account (`GET /me`), with the language it speaks. */
export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: ["me"], queryFn: api.me });
}

/** Change the account's language; the answer becomes the account everyone reads. */
export function useChangeLanguage() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => api.updateMe({ language }),
    onSuccess: (account) => {
      queryClient.setQueryData(["me"], account);
      // Session titles and descriptions, and the names of levels, species and badges, come in the
      // account's language: ask for them again.
      void queryClient.invalidateQueries({ queryKey: ["sessions"] });
      void queryClient.invalidateQueries({ queryKey: ["me", "progress"] });
    },
  });
}

export function useHousehold() {
  const api = useApi();
  return useQuery({ queryKey: ["household"], queryFn: api.household });
}

/** The household's IANA time zone; undefined (the programme's zone) until it is known. */
export function useTimeZone(): string | undefined {
  return useHousehold().data?.time_zone;
}
