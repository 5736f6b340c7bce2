import { DefaultTheme, NavigationContainer } from "@react-navigation/native";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StatusBar } from "expo-status-bar";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SafeAreaProvider } from "react-native-safe-area-context";
import { API_BASE_URL } from "./api/config";
import { AuthProvider } from "./auth/AuthProvider";
import { createServices, type Services } from "./auth/services";
import { refreshTokenVault } from "./auth/vault";
import { languageChoice } from "./i18n/choice";
import type { LanguageChoiceStore } from "./i18n/choiceStore";
import { LanguageProvider } from "./i18n/LanguageProvider";
import { deviceLanguage, type Language } from "./i18n/languages";
import { watchConnectivity } from "./lib/online";
import { createQueryClient } from "./lib/queryClient";
import { streamingFetch } from "./lib/streaming";
import { RootNavigator } from "./navigation/RootNavigator";
import { colors } from "./ui/theme";

watchConnectivity();

const theme = {
  ...DefaultTheme,
  colors: { ...DefaultTheme.colors, primary: colors.primary, background: colors.background, text: colors.text },
};

interface Props {
  /** Tests pass their own; the app talks to the real server. */
  services?: Services;
  queryClient?: QueryClient;
  /** The language before any choice is read; the device's unless told (tests). */
  language?: Language;
  /** Where the language chosen before sign-in is kept; this device's storage unless told (tests). */
  languageStore?: LanguageChoiceStore;
}

function Navigation() {
  const { t } = useTranslation();
  return (
    <NavigationContainer
      theme={theme}
      documentTitle={{ formatter: (options) => t("documentTitle", { title: options?.title ?? t("appName") }) }}
    >
      <RootNavigator />
    </NavigationContainer>
  );
}

export function App({ services, queryClient: givenQueryClient, language, languageStore = languageChoice }: Props) {
  const [queryClient] = useState(() => givenQueryClient ?? createQueryClient());
  const [initialLanguage] = useState(() => language ?? deviceLanguage());
  const [ownServices] = useState(
    () =>
      services ??
      createServices((url, init) => globalThis.fetch(url, init), refreshTokenVault, API_BASE_URL, streamingFetch),
  );
  return (
    <SafeAreaProvider>
      <LanguageProvider initial={initialLanguage} store={languageStore}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider services={ownServices}>
            <Navigation />
          </AuthProvider>
        </QueryClientProvider>
      </LanguageProvider>
      <StatusBar style="dark" />
    </SafeAreaProvider>
  );
}
