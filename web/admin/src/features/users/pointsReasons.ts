// Why points were added to (or taken from) a household's ledger, in words.
import type { components } from "@shared/api/schema";
import type { TFunction } from "i18next";

type LedgerReason = components["schemas"]["LedgerReason"];

// Every reason the server knows: a new one fails the type check until it has its key here.
const reasonKeys: Record<LedgerReason, string> = {
  session_savings: "users:pointsReason.session_savings",
  opt_in_bonus: "users:pointsReason.opt_in_bonus",
  streak_bonus: "users:pointsReason.streak_bonus",
  badge: "users:pointsReason.badge",
};

/** A reason's name for people. */
export function pointsReasonName(reason: LedgerReason, t: TFunction): string {
  return t(reasonKeys[reason]);
}
