import { describe, expect, it } from "vitest";
import { canAnnounce, canCancel, canEdit, hasLiveProgress, hasResults, SESSION_STATES, stateName } from "./states";

describe("what staff may do with a session in each state", () => {
  it("follows the server's rules", () => {
    const allowed = SESSION_STATES.map((state) => [state, canEdit(state), canAnnounce(state), canCancel(state)]);
    expect(allowed).toEqual([
      ["draft", true, true, true],
      ["scheduled", true, false, true],
      ["live", false, false, true],
      ["settling", false, false, false],
      ["final", false, false, false],
      ["cancelled", false, false, false],
    ]);
  });

  it("shows live progress from the start and results from the end", () => {
    expect(SESSION_STATES.filter(hasLiveProgress)).toEqual(["live", "settling", "final"]);
    expect(SESSION_STATES.filter(hasResults)).toEqual(["settling", "final"]);
  });

  it("names states for people, and leaves unknown ones as they are", () => {
    expect(stateName("settling")).toBe("Settling");
    expect(stateName("paused")).toBe("paused");
  });
});
