// Why points were added to (or taken from) a household's ledger, in words.
import type { components } from "@shared/api/schema";

type LedgerReason = components["schemas"]["LedgerReason"];

// Every reason the server knows: a new one fails the type check until it has its words here.
const reasonNames: Record<LedgerReason, string> = {
  session_savings: "Session savings",
  opt_in_bonus: "Opt-in bonus",
  streak_bonus: "Streak bonus",
};

/** A reason's name for people. */
export function pointsReasonName(reason: LedgerReason): string {
  return reasonNames[reason];
}
