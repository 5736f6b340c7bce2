import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { tokenStore } from "../auth/tokens";

afterEach(() => {
  cleanup();
  tokenStore.clear();
  sessionStorage.clear();
  localStorage.clear();
});
