// Every translation file, src/locales/<language>/<namespace>.json, one namespace per feature.

import type { Resource, ResourceLanguage } from "i18next";
import { LANGUAGES } from "./languages";

const files = import.meta.glob<Record<string, unknown>>("../locales/*/*.json", { eager: true, import: "default" });

function build(): Resource {
  const resources: Resource = {};
  for (const language of LANGUAGES) resources[language] = {};
  for (const [path, messages] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language = "", namespace = ""] = match;
    const bundle: ResourceLanguage | undefined = resources[language];
    if (bundle) bundle[namespace] = messages as ResourceLanguage[string];
  }
  return resources;
}

/** The messages by language, then namespace, then key. */
export const resources = build();

/** The namespaces, read from the English files (the test of completeness checks Greek has the same). */
export const NAMESPACES = Object.keys(resources.en ?? {}).sort();
