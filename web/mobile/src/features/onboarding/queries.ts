import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { MeterClaim } from "../../api/types";
import { useApi } from "../../auth/AuthProvider";

/**
 * Where the household is on its way to its first session; asked again every 5 minutes, like
 * today's figures, and every 3 seconds while its meter's history is being fetched.
 */
export function useOnboarding() {
  const api = useApi();
  return useQuery({
    queryKey: ["onboarding"],
    queryFn: api.onboarding,
    refetchInterval: (query) => (query.state.data?.step === "fetching_history" ? 3_000 : 300_000),
  });
}

/** The consent text in the account's language, asked again when the app's language changes. */
export function useConsentTerms() {
  const api = useApi();
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ["consent", "terms", i18n.language], queryFn: api.consentTerms });
}

/** The household's consents, newest first. */
export function useConsents() {
  const api = useApi();
  return useQuery({ queryKey: ["consents"], queryFn: api.consents });
}

/**
 * Everything a meter's arrival or departure changes: the step on Home, the household's meters,
 * the account, the consents, the figures read from the meter and which sessions it may join.
 */
function useRefreshAfterMeterChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [["onboarding"], ["household"], ["me"], ["consents"], ["consumption"], ["sessions"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}

/** Connect a meter from the numbers on the bill (`POST /me/meter-claims`). */
export function useClaimMeter() {
  const api = useApi();
  const refresh = useRefreshAfterMeterChange();
  return useMutation({
    mutationFn: (claim: MeterClaim) => api.claimMeter(claim),
    onSuccess: (result) => {
      if (result.status === "linked") void refresh();
    },
  });
}

/** Withdraw a consent: the server disconnects its meter. */
export function useWithdrawConsent() {
  const api = useApi();
  const refresh = useRefreshAfterMeterChange();
  return useMutation({ mutationFn: (id: string) => api.withdrawConsent(id), onSuccess: () => void refresh() });
}
