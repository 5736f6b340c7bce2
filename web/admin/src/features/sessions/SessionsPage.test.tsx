import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Call } from "../../test/fakeApi";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, programme, session } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

/** A server with 30 sessions, every third one scheduled, paged and filtered like the real one. */
function sessions() {
  const all = Array.from({ length: 30 }, (_, i) =>
    session({ id: `s-${i + 1}`, title: `Session ${i + 1}`, state: i % 3 === 0 ? "scheduled" : "draft", participants: i * 100 }),
  );
  return ({ query }: Call) => {
    const states = query.get("state")?.split(",") ?? [];
    const page = Number(query.get("page") ?? 1);
    const perPage = Number(query.get("per_page") ?? 25);
    const sort = query.get("sort") ?? "-starts_at";
    const matching = all.filter((s) => states.length === 0 || states.includes(s.state));
    // Ordered by participants when asked, else as created (the fake's own "latest first").
    if (sort.endsWith("participants")) {
      matching.sort((a, b) => (sort.startsWith("-") ? b.participants - a.participants : a.participants - b.participants));
    }
    return {
      body: { items: matching.slice((page - 1) * perPage, page * perPage), page, per_page: perPage, total: matching.length },
    };
  };
}

const server = (list = sessions()) => fakeApi({ "GET /admin/sessions": list, "GET /programme": () => ({ body: programme }) });
const lastListCall = (api: ReturnType<typeof fakeApi>) => api.callsTo("GET", "/admin/sessions").at(-1);
const table = () => screen.getByRole("table", { name: "Sessions" });
const rows = () => within(table()).getAllByRole("row").slice(1);

describe("the sessions list", () => {
  it("shows each session's time in the programme's zone, its state and participants, page by page", async () => {
    const api = server();
    const { router } = renderApp("/sessions", { as: admin });
    const first = await screen.findByRole("row", { name: /Session 1\b/ });
    expect(first).toHaveTextContent("Scheduled");
    // 15:00–16:30 UTC is 18:00–19:30 in Nicosia in June.
    expect(await within(first).findByText(/\b(6|18):00\D+(7|19):30\b/)).toBeInTheDocument();
    expect(within(screen.getByRole("row", { name: /Session 21\b/ })).getByText("2,000")).toBeInTheDocument();
    expect(rows()).toHaveLength(25);

    const pagination = screen.getByRole("navigation", { name: "Pagination" });
    expect(pagination).toHaveTextContent("1–25 of 30 · Page 1 of 2");
    await userEvent.click(within(pagination).getByRole("button", { name: "Next page" }));
    expect(await screen.findByRole("link", { name: "Session 26" })).toBeInTheDocument();
    expect(rows()).toHaveLength(5);
    expect(router.state.location.search).toBe("?page=2");
    expect(lastListCall(api)?.query.get("page")).toBe("2");
  });

  it("filters by state on the server, starting again at the first page", async () => {
    const api = server();
    const { router } = renderApp("/sessions?page=2", { as: admin });
    await screen.findByRole("link", { name: "Session 26" });

    await userEvent.selectOptions(screen.getByLabelText("State"), "scheduled");
    expect(await screen.findByRole("link", { name: "Session 4" })).toBeInTheDocument();
    expect(rows()).toHaveLength(10);
    expect(router.state.location.search).toBe("?state=scheduled");
    expect(lastListCall(api)?.query.toString()).toBe("state=scheduled&sort=-starts_at&page=1&per_page=25");

    await userEvent.selectOptions(screen.getByLabelText("State"), "live");
    expect(await screen.findByText("No sessions are in this state.")).toBeInTheDocument();
  });

  it("sorts on the server when a column header is chosen, starting again at the first page", async () => {
    const api = server();
    const { router } = renderApp("/sessions?page=2", { as: admin });
    await screen.findByRole("link", { name: "Session 26" });
    const when = screen.getByRole("columnheader", { name: "When" });
    expect(when).toHaveAttribute("aria-sort", "descending");
    const participants = screen.getByRole("columnheader", { name: "Participants" });
    expect(participants).not.toHaveAttribute("aria-sort");

    await userEvent.click(within(participants).getByRole("button", { name: "Participants" }));
    expect(await screen.findByRole("link", { name: "Session 30" })).toBeInTheDocument();
    expect(within(rows()[0]!).getByRole("link")).toHaveTextContent("Session 30");
    expect(screen.getByRole("columnheader", { name: "Participants" })).toHaveAttribute("aria-sort", "descending");
    expect(screen.getByRole("columnheader", { name: "When" })).not.toHaveAttribute("aria-sort");
    expect(router.state.location.search).toBe("?sort=-participants");
    expect(lastListCall(api)?.query.get("sort")).toBe("-participants");
    expect(lastListCall(api)?.query.get("page")).toBe("1");

    await userEvent.click(screen.getByRole("button", { name: "Participants" }));
    expect(await screen.findByRole("columnheader", { name: "Participants" })).toHaveAttribute("aria-sort", "ascending");
    expect(lastListCall(api)?.query.get("sort")).toBe("participants");
    await userEvent.click(screen.getByRole("button", { name: "Title" }));
    expect(lastListCall(api)?.query.get("sort")).toBe("title");
  });

  it("keeps a filter of several states from a link", async () => {
    const api = server();
    renderApp("/sessions?state=draft,scheduled", { as: admin });
    await screen.findByRole("link", { name: "Session 1" });
    expect(screen.getByLabelText("State")).toHaveDisplayValue("Draft or Scheduled");
    expect(lastListCall(api)?.query.get("state")).toBe("draft,scheduled");
  });

  it("offers a new session and says when there are none yet", async () => {
    server(() => ({ body: { items: [], page: 1, per_page: 25, total: 0 } }));
    const { router } = renderApp("/sessions", { as: admin });
    expect(await screen.findByText("No sessions have been planned yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("link", { name: "New session" }));
    expect(router.state.location.pathname).toBe("/sessions/new");
  });

  it("shows the server's problem with a way to try again", async () => {
    fakeApi({ "GET /admin/sessions": () => problem(400, "unknown session state \"over\"") });
    renderApp("/sessions?state=over", { as: admin });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load sessions");
    expect(alert).toHaveTextContent('unknown session state "over"');
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("is in the main navigation", async () => {
    server();
    renderApp("/sessions", { as: admin });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Sessions" })).toHaveAttribute("aria-current", "page");
    expect(await screen.findByRole("heading", { level: 1, name: "Sessions" })).toBeInTheDocument();
  });
});
