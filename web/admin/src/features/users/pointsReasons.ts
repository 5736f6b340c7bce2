// Why points were added to (or taken from) a household's ledger, in words.

const reasonNames: Record<string, string> = {
  session_savings: "Session savings",
  opt_in_bonus: "Opt-in bonus",
  streak_bonus: "Streak bonus",
};

/** A known reason's name; an unknown one as its words ("manual_fix" → "Manual fix"). */
export function pointsReasonName(reason: string): string {
  const known = reasonNames[reason];
  if (known) return known;
  const words = reason.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
