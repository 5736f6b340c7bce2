// The baseline methods the server knows (docs/RULES.md § Baselines); their names for people are
// `sessions:baselineMethod.<method>`.
import type { TFunction } from "i18next";

export const BASELINE_METHODS = [
  "like-days",
  "like-days-adjusted",
  "like-days-damped",
  "like-days-last-hour",
  "high-x-of-y",
  "10-in-10",
  "regression",
  "auto",
] as const;

export const DEFAULT_BASELINE_METHOD = "like-days";

/** A method's name in the language on screen; an unknown method as the server says it. */
export function baselineMethodName(method: string, t: TFunction): string {
  return (BASELINE_METHODS as readonly string[]).includes(method) ? t(`sessions:baselineMethod.${method}`) : method;
}
