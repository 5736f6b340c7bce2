import { createContext, useContext } from "react";
import type { User } from "../api/types";

/** The signed-in staff member, provided by <RequireStaff> to every screen behind it. */
export const StaffContext = createContext<User | null>(null);

export function useStaff(): User {
  const staff = useContext(StaffContext);
  if (!staff) throw new Error("useStaff needs a signed-in staff member (<RequireStaff>)");
  return staff;
}
