// The session form's values as typed (times on the programme's wall clock, numbers as text) and
// the plan the API takes, with UTC instants. Only what cannot be sent at all is checked here;
// every other rule is the server's, whose field errors the form shows.
import type { Session, SessionPlan } from "../../api/types";
import { utcToZoned, zonedToUtc } from "../../lib/zonedTime";
import { DEFAULT_BASELINE_METHOD } from "./baselineMethods";

export interface PlanFormValues {
  title: string;
  description: string;
  /** The Greek texts households reading Greek see; empty when there are none. */
  titleEl: string;
  descriptionEl: string;
  /** Wall-clock times in the programme's time zone, as datetime-local inputs hold them. */
  startsAt: string;
  endsAt: string;
  joinDeadline: string;
  pointsPerKwh: string;
  optInBonus: string;
  audience: "everyone" | "districts";
  districts: string[];
  baselineMethod: string;
  surprise: boolean;
}

/** The API's names for the fields the form shows errors beside. */
export const PLAN_FIELDS = [
  "title",
  "description",
  "title_el",
  "description_el",
  "starts_at",
  "ends_at",
  "join_deadline",
  "points_per_kwh",
  "opt_in_bonus",
  "audience.districts",
  "baseline_method",
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/** A field the form cannot send as typed, and why (its message is `sessions:form.unsendable.<reason>`). */
export interface UnsendableField {
  field: PlanField;
  reason: "dateTime" | "wholeNumber";
}

export const NEW_PLAN: PlanFormValues = {
  title: "",
  description: "",
  titleEl: "",
  descriptionEl: "",
  startsAt: "",
  endsAt: "",
  joinDeadline: "",
  pointsPerKwh: "100",
  optInBonus: "0",
  audience: "everyone",
  districts: [],
  baselineMethod: DEFAULT_BASELINE_METHOD,
  surprise: false,
};

export function planFromSession(session: Session, timeZone: string): PlanFormValues {
  return {
    title: session.title,
    description: session.description,
    titleEl: session.title_el ?? "",
    descriptionEl: session.description_el ?? "",
    startsAt: utcToZoned(session.starts_at, timeZone),
    endsAt: utcToZoned(session.ends_at, timeZone),
    joinDeadline: session.join_deadline === session.starts_at ? "" : utcToZoned(session.join_deadline, timeZone),
    pointsPerKwh: String(session.points_per_kwh),
    optInBonus: String(session.opt_in_bonus),
    audience: session.audience.kind,
    districts: session.audience.kind === "districts" ? session.audience.districts : [],
    baselineMethod: session.baseline_method,
    surprise: session.surprise,
  };
}

const WHOLE_NUMBER = /^\d+$/;

/** The plan to send, or the fields that cannot be sent as they are. */
export function toPlan(
  values: PlanFormValues,
  timeZone: string,
): { plan: SessionPlan } | { errors: UnsendableField[] } {
  const errors: UnsendableField[] = [];
  const instant = (field: PlanField, local: string) => {
    const utc = zonedToUtc(local, timeZone);
    if (utc === null) errors.push({ field, reason: "dateTime" });
    return utc ?? "";
  };
  const points = (field: PlanField, text: string) => {
    if (!WHOLE_NUMBER.test(text.trim())) errors.push({ field, reason: "wholeNumber" });
    return Number(text);
  };
  const optional = (text: string) => (text.trim() === "" ? null : text);
  const plan: SessionPlan = {
    title: values.title,
    description: values.description,
    title_el: optional(values.titleEl),
    description_el: optional(values.descriptionEl),
    starts_at: instant("starts_at", values.startsAt),
    ends_at: instant("ends_at", values.endsAt),
    join_deadline: values.joinDeadline === "" ? null : instant("join_deadline", values.joinDeadline),
    points_per_kwh: points("points_per_kwh", values.pointsPerKwh),
    opt_in_bonus: points("opt_in_bonus", values.optInBonus),
    audience: values.audience === "everyone" ? { kind: "everyone" } : { kind: "districts", districts: values.districts },
    baseline_method: values.baselineMethod,
    surprise: values.surprise,
  };
  return errors.length > 0 ? { errors } : { plan };
}
