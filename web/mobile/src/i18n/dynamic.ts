import type { i18n as I18n } from "i18next";

type UntypedT = (key: string, options?: Record<string, unknown>) => string;

/**
 * A key built at run time from a value the server sends (a problem's slug, a district, a
 * points reason), translated; null when the translations lack it, so the caller can fall back.
 * Keys written in the code go through the typed `t` instead, which rejects a missing key.
 */
export function translateDynamic(i18n: I18n, key: string, values?: Record<string, unknown>): string | null {
  if (!i18n.exists(key, values)) return null;
  return String((i18n.t as unknown as UntypedT)(key, values));
}
