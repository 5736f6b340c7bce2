import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n";
import type { components } from "@shared/api/schema";
import openapi from "../../../../../docs/openapi.json";
import { canAnnounce, canCancel, canEdit, hasLiveProgress, hasResults, SESSION_STATES, stateName } from "./states";

type SessionState = components["schemas"]["SessionState"];

/** The states the server's OpenAPI document lists, as it lists them. */
const documented: string[] = openapi.components.schemas.SessionState.enum;

/**
 * What the dashboard offers staff in each state (edit, announce, cancel). Keyed by the generated
 * enum, so a state the server adds fails to compile here, and checked against the document at
 * run time, so it fails this test too.
 */
const offered: Record<SessionState, [edit: boolean, announce: boolean, cancel: boolean]> = {
  draft: [true, true, true],
  scheduled: [true, false, true],
  live: [false, false, true],
  settling: [false, false, false],
  final: [false, false, false],
  cancelled: [false, false, false],
};

describe("what staff may do with a session in each state", () => {
  it("knows every state of the API document, and no other", () => {
    expect([...SESSION_STATES].sort()).toEqual([...documented].sort());
    expect(Object.keys(offered).sort()).toEqual([...documented].sort());
  });

  it("offers editing before the start, announcing a draft and cancelling before the end", () => {
    for (const state of SESSION_STATES) {
      expect([canEdit(state), canAnnounce(state), canCancel(state)], state).toEqual(offered[state]);
    }
  });

  it("shows live progress from the start and results from the end", () => {
    expect(SESSION_STATES.filter(hasLiveProgress)).toEqual(["live", "settling", "final"]);
    expect(SESSION_STATES.filter(hasResults)).toEqual(["settling", "final"]);
  });

  it("names states for people, and leaves unknown ones as they are", () => {
    const en = i18n.getFixedT("en");
    const el = i18n.getFixedT("el");
    expect(stateName("settling", en)).toBe("Provisional");
    expect(stateName("settling", el)).toBe("Προσωρινά αποτελέσματα");
    expect(stateName("cancelled", el)).toBe("Ακυρώθηκε");
    expect(stateName("paused", el)).toBe("paused");
  });
});
