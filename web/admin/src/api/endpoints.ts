// Every call the dashboard makes, typed with the server's schema.
import { attachmentName } from "@shared/api/download";
import { api } from "./client";
import type {
  AccuracyQuery,
  ChangeRoleRequest,
  Claim,
  ClaimDecisionRequest,
  ClaimListQuery,
  ClaimPage,
  ConsumptionQuery,
  ConsumptionSeries,
  CreatedSource,
  CreateSourceRequest,
  DataSource,
  DeadLetterPage,
  DeadLetterQuery,
  FailedJobPage,
  Household,
  JoinedSessionPage,
  JoinedSessionQuery,
  LedgerQuery,
  LinkMeterRequest,
  LoginRequest,
  MeterLink,
  MethodAccuracy,
  Overview,
  PageQuery,
  PointsPage,
  Programme,
  ProgrammeConsumptionQuery,
  ProgrammeProgress,
  Progress,
  RecomputedResult,
  RecomputeQueued,
  RegisterStatus,
  Session,
  SessionListQuery,
  SessionPage,
  SessionPlan,
  SessionResults,
  SessionSavingsPage,
  SourceListQuery,
  SourcePage,
  RetriedJob,
  SystemHealth,
  TokenPair,
  User,
  UserDetail,
  UserListQuery,
  UserPage,
  UpdateMeRequest,
} from "./types";

const userPath = (id: string) => `/admin/users/${encodeURIComponent(id)}`;
const sessionPath = (id: string) => `/admin/sessions/${encodeURIComponent(id)}`;

export const authApi = {
  login: (body: LoginRequest) =>
    api.request<TokenPair>("/auth/login", { method: "POST", body, anonymous: true }),
  logout: (refreshToken: string) =>
    api.request<void>("/auth/logout", {
      method: "POST",
      body: { refresh_token: refreshToken },
      anonymous: true,
    }),
  /** The signed-in account; with `accessToken`, the account those tokens belong to. */
  me: (accessToken?: string) => api.request<User>("/me", accessToken ? { accessToken } : {}),
};

export const meApi = {
  /** Changes the signed-in account's own settings (its language), answering the account as it now is. */
  update: (body: UpdateMeRequest) => api.request<User>("/me", { method: "PATCH", body }),
};

export const programmeApi = {
  get: () => api.request<Programme>("/programme", { anonymous: true }),
};

export const adminApi = {
  overview: () => api.request<Overview>("/admin/overview"),
  /** kWh saved by the settling and final sessions, a page at a time, latest start first. */
  overviewSessions: (query: PageQuery) => api.request<SessionSavingsPage>("/admin/overview/sessions", { query }),
  /** Every meter's consumption together, per local day (30 days) or per hour (48 hours). */
  programmeConsumption: (query: ProgrammeConsumptionQuery) =>
    api.request<ConsumptionSeries>("/admin/overview/consumption", { query }),
  listUsers: (query: UserListQuery) => api.request<UserPage>("/admin/users", { query }),
  getUser: (id: string) => api.request<UserDetail>(userPath(id)),
  disableUser: (id: string) => api.request<User>(`${userPath(id)}/disable`, { method: "POST" }),
  enableUser: (id: string) => api.request<User>(`${userPath(id)}/enable`, { method: "POST" }),
  changeRole: (id: string, body: ChangeRoleRequest) =>
    api.request<User>(`${userPath(id)}/role`, { method: "PUT", body }),
  linkMeter: (id: string, body: LinkMeterRequest) =>
    api.request<Household>(`${userPath(id)}/meters`, { method: "POST", body }),
  unlinkMeter: (id: string, meterId: string) =>
    api.request<Household>(`${userPath(id)}/meters/${encodeURIComponent(meterId)}`, {
      method: "DELETE",
    }),
  userConsumption: (id: string, query: ConsumptionQuery) =>
    api.request<ConsumptionSeries>(`${userPath(id)}/consumption`, { query }),
  userSessions: (id: string, query: JoinedSessionQuery) =>
    api.request<JoinedSessionPage>(`${userPath(id)}/sessions`, { query }),
  userPoints: (id: string, query: LedgerQuery) => api.request<PointsPage>(`${userPath(id)}/points`, { query }),
  /** The household's level, garden, streak and badges, named in the staff member's language. */
  userProgress: (id: string) => api.request<Progress>(`${userPath(id)}/progress`),
  /** Queues a job that works the household's progress out again; the answer says it was queued. */
  rebuildProgress: (id: string) =>
    api.request<RecomputeQueued>(`${userPath(id)}/progress/recompute`, { method: "POST" }),
  /** Every level, garden health and badge with how many households are at it or earned it. */
  programmeProgress: () => api.request<ProgrammeProgress>("/admin/programme/progress"),
  /** Every period the household held a meter, the current ones included. */
  userMeterLinks: (id: string) => api.request<MeterLink[]>(`${userPath(id)}/meter-links`),
  /** Households' claims on meters, newest first; with `status: "review"`, the ones waiting for staff. */
  listClaims: (query: ClaimListQuery) => api.request<ClaimPage>("/admin/meter-claims", { query }),
  decideClaim: (id: string, body: ClaimDecisionRequest) =>
    api.request<Claim>(`/admin/meter-claims/${encodeURIComponent(id)}/decision`, { method: "POST", body }),
  /** How many meters the customer register holds, its last import and the claims it left for staff. */
  customerRegister: () => api.request<RegisterStatus>("/admin/customer-register"),
  listSources: (query: SourceListQuery) => api.request<SourcePage>("/admin/meter-data/sources", { query }),
  listDeadLetters: (query: DeadLetterQuery) =>
    api.request<DeadLetterPage>("/admin/meter-data/dead-letters", { query }),
  createSource: (body: CreateSourceRequest) =>
    api.request<CreatedSource>("/admin/data-sources", { method: "POST", body }),
  revokeSource: (id: number) => api.request<DataSource>(`/admin/data-sources/${id}/revoke`, { method: "POST" }),
  listSessions: (query: SessionListQuery) => api.request<SessionPage>("/admin/sessions", { query }),
  getSession: (id: string) => api.request<Session>(sessionPath(id)),
  createSession: (body: SessionPlan) => api.request<Session>("/admin/sessions", { method: "POST", body }),
  updateSession: (id: string, body: SessionPlan) => api.request<Session>(sessionPath(id), { method: "PUT", body }),
  announceSession: (id: string) => api.request<Session>(`${sessionPath(id)}/announce`, { method: "POST" }),
  cancelSession: (id: string) => api.request<Session>(`${sessionPath(id)}/cancel`, { method: "POST" }),
  sessionResults: (id: string) => api.request<SessionResults>(`${sessionPath(id)}/results`),
  /** Recomputes one household's result of an ended session from the meter data stored now. */
  recomputeResult: (id: string, userId: string) =>
    api.request<RecomputedResult>(`${sessionPath(id)}/results/${encodeURIComponent(userId)}/recompute`, {
      method: "POST",
    }),
  /** Every participant's result as a CSV file. */
  sessionResultsCsv: async (id: string) => {
    const response = await api.open(`${sessionPath(id)}/results.csv`, { accept: "text/csv" });
    return { blob: await response.blob(), fileName: attachmentName(response) ?? `session-${id}-results.csv` };
  },
  system: () => api.request<SystemHealth>("/admin/system"),
  failedJobs: (query: PageQuery) => api.request<FailedJobPage>("/admin/system/failed-jobs", { query }),
  retryFailedJob: (id: string) =>
    api.request<RetriedJob>(`/admin/system/failed-jobs/${encodeURIComponent(id)}/retry`, { method: "POST" }),
  baselineAccuracy: (query: AccuracyQuery) => api.request<MethodAccuracy[]>("/admin/baselines/accuracy", { query }),
};
