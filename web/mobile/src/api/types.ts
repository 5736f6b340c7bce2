// Names for the parts of the server's API the app uses, taken from the schema generated from
// docs/openapi.json (web/shared/api/schema.d.ts, `npm run gen:api`), so a change in the API shows
// up here, in the screens and in the tests' fakes as a type error.
import type { components, paths } from "@shared/api/schema";

type Schemas = components["schemas"];
type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

export type TokenResponse = Schemas["TokenResponse"];
export type Credentials = Schemas["LoginRequest"];
export type Registration = Schemas["RegisterRequest"];
export type PasswordChange = Schemas["ChangePasswordRequest"];
export type User = Schemas["UserResponse"];
/** What the account may change about itself (`PATCH /me`): its language. */
export type AccountUpdate = Schemas["UpdateMeRequest"];
/** The languages an account may speak. */
export type AccountLanguage = Schemas["Language"];
export type PeriodTotal = Schemas["PeriodTotal"];
export type ConsumptionSummary = Schemas["SummaryResponse"];
export type Resolution = NonNullable<Query<"/api/v1/me/consumption">["resolution"]>;
export type Bucket = Schemas["BucketResponse"];
export type Series = Schemas["SeriesResponse"];
export type Meter = Schemas["MeterResponse"];
export type Household = Schemas["HouseholdResponse"];
export type HouseholdUpdate = Schemas["UpdateHouseholdRequest"];
export type Programme = Schemas["ProgrammeResponse"];
/**
 * Which sessions `GET /sessions` lists. Written out because docs/openapi.json gives the household
 * list and the staff list the same operation id (`list_sessions`), so the generated `paths` entry
 * for /api/v1/sessions carries the staff list's query; `upcoming`, `live` and `past` are the
 * household operation's `when` enum in the document.
 */
export type SessionWhen = "upcoming" | "live" | "past";
export type Session = Schemas["HouseholdSession"];
export type SessionPage = Schemas["HouseholdSessionPage"];
export type ResultStatus = Schemas["ResultStatus"];
export type SessionResult = Schemas["ResultResponse"];
export type ResultPeriod = SessionResult["periods"][number];
export type SessionDetail = Schemas["HouseholdSessionDetail"];
export type PointsEntry = Schemas["PointsEntryResponse"];
export type PointsPage = Schemas["PointsResponse"];
/** A reason the ledger gives for an entry. */
export type LedgerReason = Schemas["LedgerReason"];
/** The household's level, Green Garden, streak and badges in one (`GET /me/progress`). */
export type Progress = Schemas["Progress"];
export type LevelStatus = Schemas["LevelStatus"];
export type Garden = Schemas["Garden"];
export type GardenHealth = Schemas["GardenHealth"];
export type Plant = Schemas["Plant"];
export type PlantStage = Schemas["PlantStage"];
export type Species = Schemas["Species"];
export type SpeciesStatus = Schemas["SpeciesStatus"];
export type StreakStatus = Schemas["StreakStatus"];
export type BadgeStatus = Schemas["BadgeStatus"];
export type BadgeIcon = Schemas["BadgeIcon"];
export type BadgeProgress = Schemas["BadgeProgress"];
export type LivePeriod = Schemas["LivePeriodResponse"];
export type LiveProgress = Schemas["LiveProgressResponse"];
/** Where the household is on its way to its first session (`GET /me/onboarding`). */
export type Onboarding = Schemas["OnboardingResponse"];
export type OnboardingStep = Schemas["OnboardingStep"];
export type Eligibility = Schemas["EligibilityStatus"];
/** The consent text to agree to before a meter is connected, and its version to send back. */
export type ConsentTerms = Schemas["ConsentTerms"];
/** A consent the household gave for one of its meters. */
export type Consent = Schemas["ConsentResponse"];
export type MeterClaim = Schemas["MeterClaimRequest"];
/** What a claim came to: `linked` now, or waiting for staff `review`. */
export type MeterClaimResult = Schemas["MeterClaimResponse"];
/**
 * How water is heated. Written out because docs/openapi.json types `water_heater` as a string
 * whose values only its description lists (`electric`, `solar`, `fuel`, `none`).
 */
export const WATER_HEATERS = ["electric", "solar", "fuel", "none"] as const;
export type WaterHeater = (typeof WATER_HEATERS)[number];
