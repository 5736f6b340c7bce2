import type { RouteObject } from "react-router";
import { ClaimsPage } from "./features/claims/ClaimsPage";
import { RequireStaff } from "./features/auth/RequireStaff";
import { SignInPage } from "./features/auth/SignInPage";
import { AppLayout } from "./features/layout/AppLayout";
import { NotFoundPage } from "./features/layout/NotFoundPage";
import { MeterDataPage } from "./features/meterData/MeterDataPage";
import { OverviewPage } from "./features/overview/OverviewPage";
import { ProgrammeProgressPage } from "./features/progress/ProgrammeProgressPage";
import { EditSessionPage } from "./features/sessions/EditSessionPage";
import { NewSessionPage } from "./features/sessions/NewSessionPage";
import { SessionDetailPage } from "./features/sessions/SessionDetailPage";
import { SessionsPage } from "./features/sessions/SessionsPage";
import { SystemPage } from "./features/system/SystemPage";
import { UserDetailPage } from "./features/users/UserDetailPage";
import { UsersPage } from "./features/users/UsersPage";

export const routes: RouteObject[] = [
  { path: "/signin", element: <SignInPage /> },
  {
    element: <RequireStaff />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <OverviewPage /> },
          { path: "sessions", element: <SessionsPage /> },
          { path: "sessions/new", element: <NewSessionPage /> },
          { path: "sessions/:id", element: <SessionDetailPage /> },
          { path: "sessions/:id/edit", element: <EditSessionPage /> },
          { path: "users", element: <UsersPage /> },
          { path: "users/:id", element: <UserDetailPage /> },
          { path: "progress", element: <ProgrammeProgressPage /> },
          { path: "claims", element: <ClaimsPage /> },
          { path: "meter-data", element: <MeterDataPage /> },
          { path: "system", element: <SystemPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
