import { DefaultTheme, NavigationContainer } from "@react-navigation/native";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StatusBar } from "expo-status-bar";
import { useState } from "react";
import { SafeAreaProvider } from "react-native-safe-area-context";
import { API_BASE_URL } from "./api/config";
import { AuthProvider } from "./auth/AuthProvider";
import { createServices, type Services } from "./auth/services";
import { refreshTokenVault } from "./auth/vault";
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
}

export function App({ services, queryClient: givenQueryClient }: Props) {
  const [queryClient] = useState(() => givenQueryClient ?? createQueryClient());
  const [ownServices] = useState(
    () =>
      services ??
      createServices((url, init) => globalThis.fetch(url, init), refreshTokenVault, API_BASE_URL, streamingFetch),
  );
  return (
    <SafeAreaProvider>
      <QueryClientProvider client={queryClient}>
        <AuthProvider services={ownServices}>
          <NavigationContainer theme={theme} documentTitle={{ formatter: (options) => `${options?.title ?? "PowerSave"} · PowerSave` }}>
            <RootNavigator />
          </NavigationContainer>
        </AuthProvider>
      </QueryClientProvider>
      <StatusBar style="dark" />
    </SafeAreaProvider>
  );
}
