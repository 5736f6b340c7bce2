import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { Platform } from "react-native";
import type { LanguageChoiceStore } from "./choiceStore";
import { createI18n } from "./createI18n";
import type { Language } from "./languages";

interface LanguageState {
  language: Language;
  /** Speak `language` from now on and keep it as this device's choice. */
  choose(language: Language): void;
}

const LanguageContext = createContext<LanguageState | null>(null);

interface Props {
  /** What the app speaks before the stored choice (if any) is read: the device's language. */
  initial: Language;
  store: LanguageChoiceStore;
  children: ReactNode;
}

/**
 * The language the app speaks. Before sign-in it is the choice kept on this device (the device's
 * own language until someone chooses); once signed in, the account's language wins
 * (useAccountLanguage), and is kept here as well so the sign-in screen greets in it next time.
 */
export function LanguageProvider({ initial, store, children }: Props) {
  const [i18n] = useState(() => createI18n(initial));
  const [language, setLanguage] = useState<Language>(initial);
  const chosen = useRef(false);

  const apply = useCallback(
    (next: Language) => {
      setLanguage(next);
      if (i18n.language !== next) void i18n.changeLanguage(next);
    },
    [i18n],
  );

  useEffect(() => {
    let active = true;
    store
      .load()
      .then((saved) => {
        if (active && saved !== null && !chosen.current) apply(saved);
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [store, apply]);

  useEffect(() => {
    // Screen readers and the browser's hyphenation and spell checking read the page's language.
    if (Platform.OS === "web" && typeof document !== "undefined") document.documentElement.lang = language;
  }, [language]);

  const choose = useCallback(
    (next: Language) => {
      chosen.current = true;
      apply(next);
      void store.save(next).catch(() => undefined);
    },
    [apply, store],
  );

  const state = useMemo(() => ({ language, choose }), [language, choose]);
  return (
    <I18nextProvider i18n={i18n}>
      <LanguageContext.Provider value={state}>{children}</LanguageContext.Provider>
    </I18nextProvider>
  );
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error("useLanguage outside LanguageProvider");
  return state;
}
