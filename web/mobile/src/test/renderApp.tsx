import { render } from "@testing-library/react-native";
import { App } from "../App";
import type { Services } from "../auth/services";
import { memoryLanguageChoice } from "../i18n/choiceStore";
import type { Language } from "../i18n/languages";
import { createQueryClient } from "../lib/queryClient";

const clients = new Set<ReturnType<typeof createQueryClient>>();

afterEach(() => {
  // Cached queries and mutations keep garbage-collection timers; ending them lets Jest exit.
  clients.forEach((client) => {
    client.getMutationCache().getAll().forEach((mutation) => mutation.destroy());
    client.clear();
  });
  clients.clear();
});

/** The whole app against a fake server, in English unless told (nothing chosen on the device yet). */
export function renderApp(services: Services, { language = "en", languageStore = memoryLanguageChoice() }: { language?: Language; languageStore?: ReturnType<typeof memoryLanguageChoice> } = {}) {
  const queryClient = createQueryClient();
  clients.add(queryClient);
  return render(<App services={services} queryClient={queryClient} language={language} languageStore={languageStore} />);
}
