import { render } from "@testing-library/react-native";
import { App } from "../App";
import type { Services } from "../auth/services";
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

/** The whole app against a fake server. */
export function renderApp(services: Services) {
  const queryClient = createQueryClient();
  clients.add(queryClient);
  return render(<App services={services} queryClient={queryClient} />);
}
