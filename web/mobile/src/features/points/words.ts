import type { PointsEntry } from "../../api/types";

const REASONS: Record<string, string> = {
  session_savings: "Session savings",
  opt_in_bonus: "Opt-in bonus",
  streak_bonus: "Streak bonus",
};

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** "Session savings"; a reason the app does not know yet is still shown in words. */
export function reasonInWords(reason: string): string {
  const known = REASONS[reason];
  if (known) return known;
  const words = reason.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What an entry is for: a negative entry is a correction downwards. */
export function entryTitle(entry: PointsEntry): string {
  const reason = reasonInWords(entry.reason);
  return entry.points < 0 ? `Correction: ${reason.toLowerCase()}` : reason;
}

/** "+120 points", "−20 points", "1 point". */
export function formatPoints(points: number, signed = false): string {
  const magnitude = `${count.format(Math.abs(points))} ${Math.abs(points) === 1 ? "point" : "points"}`;
  if (points < 0) return `−${magnitude}`;
  return signed ? `+${magnitude}` : magnitude;
}
