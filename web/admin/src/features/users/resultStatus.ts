// A household's result for a session, in words.
import type { SessionResult } from "../../api/types";

const statusNames: Record<string, string> = {
  pending: "Pending",
  provisional: "Provisional",
  final: "Final",
  insufficient_data: "Insufficient data",
};

export function resultStatusName(result: SessionResult | null | undefined): string {
  if (!result) return "No result yet";
  return statusNames[result.status] ?? result.status;
}
