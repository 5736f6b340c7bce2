// One function per API call the app makes.
import type { ApiClient } from "@shared/api/client";
import { attachmentName } from "@shared/api/download";
import type {
  AccountUpdate,
  Consent,
  ConsentTerms,
  ConsumptionSummary,
  Credentials,
  Household,
  HouseholdUpdate,
  MeterClaim,
  MeterClaimResult,
  Onboarding,
  PasswordChange,
  PointsPage,
  Programme,
  Progress,
  Registration,
  Resolution,
  Series,
  Session,
  SessionDetail,
  SessionPage,
  SessionWhen,
  TokenResponse,
  User,
} from "./types";

export interface ConsumptionRange {
  from: string;
  to: string;
  resolution: Resolution;
}

export function endpoints(client: ApiClient) {
  const { request } = client;
  return {
    login: (body: Credentials) =>
      request<TokenResponse>("/auth/login", { method: "POST", body, anonymous: true }),
    register: (body: Registration) =>
      request<User>("/auth/register", { method: "POST", body, anonymous: true }),
    logout: (refreshToken: string) =>
      request<void>("/auth/logout", {
        method: "POST",
        body: { refresh_token: refreshToken },
        anonymous: true,
      }),
    me: () => request<User>("/me"),
    updateMe: (body: AccountUpdate) => request<User>("/me", { method: "PATCH", body }),
    changePassword: (body: PasswordChange) => request<TokenResponse>("/me/password", { method: "PUT", body }),
    household: () => request<Household>("/me/household"),
    updateHousehold: (body: HouseholdUpdate) =>
      request<Household>("/me/household", { method: "PATCH", body }),
    onboarding: () => request<Onboarding>("/me/onboarding"),
    consentTerms: () => request<ConsentTerms>("/me/consent"),
    claimMeter: (body: MeterClaim) => request<MeterClaimResult>("/me/meter-claims", { method: "POST", body }),
    consents: () => request<Consent[]>("/me/consents"),
    /** Withdraws a consent; the server disconnects the meter it covers. */
    withdrawConsent: (id: string) => request<Consent>(`/me/consents/${encodeURIComponent(id)}`, { method: "DELETE" }),
    programme: () => request<Programme>("/programme", { anonymous: true }),
    summary: () => request<ConsumptionSummary>("/me/consumption/summary"),
    consumption: ({ from, to, resolution }: ConsumptionRange) =>
      request<Series>("/me/consumption", { query: { from, to, resolution } }),
    /** The same range as CSV, headed in the account's language, with the name the server gives it. */
    consumptionExport: async ({ from, to, resolution }: ConsumptionRange) => {
      const response = await client.open("/me/consumption/export", { query: { from, to, resolution }, accept: "text/csv" });
      return { blob: await response.blob(), fileName: attachmentName(response) ?? "powersave-consumption.csv" };
    },
    sessions: (when: SessionWhen) =>
      request<SessionPage>("/sessions", { query: { when, per_page: 50 } }),
    session: (id: string) => request<SessionDetail>(`/sessions/${encodeURIComponent(id)}`),
    join: (id: string) =>
      request<Session>(`/sessions/${encodeURIComponent(id)}/join`, { method: "POST" }),
    points: (page: number, perPage: number) =>
      request<PointsPage>("/me/points", { query: { page, per_page: perPage } }),
    progress: () => request<Progress>("/me/progress"),
    /** The live progress stream (Server-Sent Events), unread. */
    live: (id: string, signal: AbortSignal) =>
      client.open(`/sessions/${encodeURIComponent(id)}/live`, { accept: "text/event-stream", signal }),
    leave: (id: string) =>
      request<void>(`/sessions/${encodeURIComponent(id)}/join`, { method: "DELETE" }),
  };
}

export type Api = ReturnType<typeof endpoints>;
