// The baseline methods the server knows (docs/RULES.md § Baselines), for people.

export const BASELINE_METHODS = [
  ["like-days", "Like days"],
  ["like-days-adjusted", "Like days with in-day adjustment"],
  ["like-days-damped", "Like days with a damped in-day adjustment"],
  ["like-days-last-hour", "Like days adjusted by the hour before"],
  ["high-x-of-y", "High X of Y"],
  ["10-in-10", "10 in 10"],
  ["regression", "Temperature regression"],
  ["auto", "Automatic (most accurate)"],
] as const;

export const DEFAULT_BASELINE_METHOD = "like-days";

export function baselineMethodName(method: string): string {
  return BASELINE_METHODS.find(([value]) => value === method)?.[1] ?? method;
}
