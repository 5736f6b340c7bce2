// On the web the language chosen before signing in lives in localStorage: unlike the refresh
// token it is no secret, and it should greet the person again in a new tab.
import type { LanguageChoiceStore } from "./choiceStore";
import { isLanguage } from "./languages";

const KEY = "powersave.language";

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export const languageChoice: LanguageChoiceStore = {
  async load() {
    const saved = storage()?.getItem(KEY);
    return isLanguage(saved) ? saved : null;
  },
  async save(language) {
    storage()?.setItem(KEY, language);
  },
};
