// Names for the server's types, taken from the schema generated from docs/openapi.json
// (`npm run gen:api`), so a change in the API shows up here as a type error.
import type { components, paths } from "@shared/api/schema";

type Schemas = components["schemas"];

export type User = Schemas["UserResponse"];
export type UserPage = Schemas["UserPage"];
export type UserDetail = Schemas["AdminUserDetail"];
export type Household = Schemas["HouseholdResponse"];
export type Meter = Schemas["MeterResponse"];
export type Overview = Schemas["OverviewResponse"];
export type SessionSavings = Schemas["SessionSavings"];
export type SessionSavingsPage = Schemas["SessionSavingsPage"];
export type ProgrammeConsumptionQuery = NonNullable<
  paths["/api/v1/admin/overview/consumption"]["get"]["parameters"]["query"]
>;
export type Programme = Schemas["ProgrammeResponse"];
export type TokenPair = Schemas["TokenResponse"];
export type Problem = Schemas["Problem"];
export type FieldError = Schemas["FieldError"];
export type LoginRequest = Schemas["LoginRequest"];
export type UpdateMeRequest = Schemas["UpdateMeRequest"];
export type LinkMeterRequest = Schemas["LinkMeterRequest"];
export type ChangeRoleRequest = Schemas["ChangeRoleRequest"];
export type UserListQuery = NonNullable<paths["/api/v1/admin/users"]["get"]["parameters"]["query"]>;
export type ConsumptionSeries = Schemas["SeriesResponse"];
export type ConsumptionBucket = Schemas["BucketResponse"];
export type ConsumptionQuery = NonNullable<
  paths["/api/v1/admin/users/{id}/consumption"]["get"]["parameters"]["query"]
>;
export type JoinedSession = Schemas["JoinedSession"];
export type JoinedSessionPage = Schemas["JoinedSessionPage"];
export type JoinedSessionQuery = NonNullable<paths["/api/v1/admin/users/{id}/sessions"]["get"]["parameters"]["query"]>;
export type SessionResult = Schemas["ResultResponse"];
export type RecomputedResult = Schemas["RecomputedResult"];
export type PointsPage = Schemas["PointsResponse"];
export type PointsEntry = Schemas["PointsEntryResponse"];
export type LedgerQuery = NonNullable<paths["/api/v1/admin/users/{id}/points"]["get"]["parameters"]["query"]>;
/** A page of a list paginated on the server. */
export type PageQuery = { page: number; per_page: number };
export type DataSource = Schemas["SourceResponse"];
export type SourcePage = Schemas["SourcePage"];
export type SourceListQuery = NonNullable<paths["/api/v1/admin/meter-data/sources"]["get"]["parameters"]["query"]>;
export type CreateSourceRequest = Schemas["CreateSourceRequest"];
export type CreatedSource = Schemas["CreatedSourceResponse"];
export type DeadLetter = Schemas["DeadLetterResponse"];
export type DeadLetterPage = Schemas["DeadLetterPage"];
export type DeadLetterQuery = NonNullable<
  paths["/api/v1/admin/meter-data/dead-letters"]["get"]["parameters"]["query"]
>;
export type Session = Schemas["SessionResponse"];
export type SessionPage = Schemas["SessionPage"];
export type SessionPlan = Schemas["SessionPlanBody"];
export type Audience = Schemas["AudienceBody"];
export type LiveProgress = Schemas["LiveProgressResponse"];
export type LivePeriod = Schemas["LivePeriodResponse"];
export type SessionResults = Schemas["SessionResultsResponse"];
export type PercentBucket = Schemas["PercentBucket"];
export type TopSaver = Schemas["TopSaver"];
export type SessionListQuery = NonNullable<paths["/api/v1/admin/sessions"]["get"]["parameters"]["query"]>;
export type SystemHealth = Schemas["SystemResponse"];
export type QueueDepth = Schemas["QueueResponse"];
export type FailedJob = Schemas["FailedJobResponse"];
export type FailedJobPage = Schemas["FailedJobPage"];
export type RetriedJob = Schemas["RetriedResponse"];
export type MethodAccuracy = Schemas["MethodAccuracyResponse"];
export type Claim = Schemas["ClaimResponse"];
export type ClaimPage = Schemas["ClaimPage"];
export type ClaimDecisionRequest = Schemas["ClaimDecisionRequest"];
export type ClaimListQuery = NonNullable<paths["/api/v1/admin/meter-claims"]["get"]["parameters"]["query"]>;
export type MeterLink = Schemas["MeterLinkResponse"];
export type RegisterStatus = Schemas["RegisterStatusResponse"];
export type Progress = Schemas["Progress"];
export type LevelStatus = Schemas["LevelStatus"];
export type Garden = Schemas["Garden"];
export type Plant = Schemas["Plant"];
export type PlantStage = Schemas["PlantStage"];
export type GardenHealth = Schemas["GardenHealth"];
export type StreakStatus = Schemas["StreakStatus"];
export type BadgeStatus = Schemas["BadgeStatus"];
export type BadgeProgress = Schemas["BadgeProgress"];
export type ProgrammeProgress = Schemas["ProgrammeProgress"];
export type LevelCount = Schemas["LevelCount"];
export type HealthCount = Schemas["HealthCount"];
export type BadgeCount = Schemas["BadgeCount"];
export type RecomputeQueued = Schemas["RecomputeQueued"];
export type AccuracyQuery = NonNullable<
  paths["/api/v1/admin/baselines/accuracy"]["get"]["parameters"]["query"]
>;

/** The roles the server knows (the schema types `role` as a plain string). */
export const ROLES = ["consumer", "admin", "superadmin"] as const;
export type Role = (typeof ROLES)[number];

export function isStaff(user: Pick<User, "role">): boolean {
  return user.role === "admin" || user.role === "superadmin";
}
