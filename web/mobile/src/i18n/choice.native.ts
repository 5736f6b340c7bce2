// On phones the language chosen before signing in is kept with the app's other stored values.
import * as SecureStore from "expo-secure-store";
import type { LanguageChoiceStore } from "./choiceStore";
import { isLanguage } from "./languages";

const KEY = "powersave.language";

export const languageChoice: LanguageChoiceStore = {
  async load() {
    const saved = await SecureStore.getItemAsync(KEY);
    return isLanguage(saved) ? saved : null;
  },
  save: (language) => SecureStore.setItemAsync(KEY, language),
};
