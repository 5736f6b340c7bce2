// The fake server and the opening of one user's page, shared by the tests of its sections.
import { screen } from "@testing-library/react";
import type { User } from "../api/types";
import { fakeApi } from "./fakeApi";
import { admin, consumptionSeries, joinedSessionPage, pointsPage, programme, user, userDetail } from "./fixtures";
import { householdProgress } from "./progressFixtures";
import { renderApp } from "./renderApp";

export const userId = user().id;
export const userPagePath = `/users/${userId}`;

/** Answers for the page and each of its sections; `extra` replaces any of them. */
export function userPageServer(extra: Parameters<typeof fakeApi>[0] = {}, detail = userDetail()) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    [`GET /admin/users/${userId}`]: () => ({ body: detail }),
    [`GET /admin/users/${userId}/consumption`]: () => ({ body: consumptionSeries() }),
    [`GET /admin/users/${userId}/sessions`]: () => ({ body: joinedSessionPage([]) }),
    [`GET /admin/users/${userId}/points`]: () => ({ body: pointsPage() }),
    [`GET /admin/users/${userId}/meter-links`]: () => ({ body: [] }),
    [`GET /admin/users/${userId}/progress`]: () => ({ body: householdProgress() }),
    ...extra,
  });
}

export async function openUserPage(as: User = admin) {
  const view = renderApp(userPagePath, { as });
  await screen.findByRole("heading", { level: 1, name: "Eleni" });
  return view;
}
