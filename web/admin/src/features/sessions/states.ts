// A session's life: draft → scheduled → live → settling → final, or cancelled before it ends.
// What staff may do in each state mirrors the server's rules, which refuse everything else.
import type { components } from "@shared/api/schema";
import type { TFunction } from "i18next";

/** The states the API document's `SessionState` enum names. */
export type SessionState = components["schemas"]["SessionState"];

/** Each state once, in the order of a session's life (`names` below fails to compile if one is missing). */
export const SESSION_STATES = ["draft", "scheduled", "live", "settling", "final", "cancelled"] as const satisfies readonly SessionState[];

function isSessionState(state: string): state is SessionState {
  return (SESSION_STATES as readonly string[]).includes(state);
}

/** A state's name for people (docs/GLOSSARY.md § Session states); an unknown state as the server says it. */
export function stateName(state: string, t: TFunction): string {
  return isSessionState(state) ? t(`sessions:state.${state}`) : state;
}

/** The plan may change before the session starts. */
export function canEdit(state: string): boolean {
  return state === "draft" || state === "scheduled";
}

/** Only a draft is announced to households. */
export function canAnnounce(state: string): boolean {
  return state === "draft";
}

/** A session that has not ended may be called off. */
export function canCancel(state: string): boolean {
  return state === "draft" || state === "scheduled" || state === "live";
}

/** Live progress streams from the start of the session. */
export function hasLiveProgress(state: string): boolean {
  return state === "live" || state === "settling" || state === "final";
}

/** Results exist once the session has ended. */
export function hasResults(state: string): boolean {
  return state === "settling" || state === "final";
}
