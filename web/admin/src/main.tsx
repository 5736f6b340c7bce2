import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { I18nextProvider } from "react-i18next";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { createQueryClient } from "./app/queryClient";
import { AuthProvider } from "./auth/AuthProvider";
import { i18n } from "./i18n/i18n";
import "./index.css";
import { routes } from "./routes";

const queryClient = createQueryClient();
const router = createBrowserRouter(routes, { basename: "/admin" });

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
