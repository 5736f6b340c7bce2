// The programme's districts are configured by their English names (docs/GLOSSARY.md § Districts
// of Cyprus); screens show them in the reader's language.
import type { TFunction } from "i18next";

/** A district's name in the language on screen; a district the glossary lacks keeps its own name. */
export function districtName(district: string, t: TFunction): string {
  return t(`districts:${district}`, { defaultValue: district });
}
