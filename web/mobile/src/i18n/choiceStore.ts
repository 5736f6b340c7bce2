import type { Language } from "./languages";

/** Where the language chosen on this device is kept (localStorage on the web, secure storage on phones). */
export interface LanguageChoiceStore {
  load(): Promise<Language | null>;
  save(language: Language): Promise<void>;
}

/** A store that keeps the choice in memory only (tests). */
export function memoryLanguageChoice(initial: Language | null = null): LanguageChoiceStore & { value: Language | null } {
  const store = {
    value: initial,
    load: async () => store.value,
    save: async (language: Language) => {
      store.value = language;
    },
  };
  return store;
}
