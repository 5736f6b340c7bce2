import type { TFunction } from "i18next";

const KINDS = ["api", "mqtt", "pull", "file", "simulator", "correction"];

/** How a source delivers readings, for people; an unknown kind as the server says it. */
export function kindName(kind: string, t: TFunction): string {
  return KINDS.includes(kind) ? t(`meterData:kind.${kind}`) : kind;
}
