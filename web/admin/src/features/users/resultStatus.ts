// A household's result for a session, in words.
import type { TFunction } from "i18next";
import type { SessionResult } from "../../api/types";

const STATUSES = ["pending", "provisional", "final", "insufficient_data"];

export function resultStatusName(result: SessionResult | null | undefined, t: TFunction): string {
  if (!result) return t("users:resultStatus.none");
  return STATUSES.includes(result.status) ? t(`users:resultStatus.${result.status}`) : result.status;
}
