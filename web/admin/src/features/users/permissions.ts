import type { User } from "../../api/types";

/**
 * Whether `staff` may change `user` (status, meters), mirroring the server's rule: superadmins
 * manage everyone, admins manage consumers, and nobody manages their own account. The server
 * decides in the end; this only avoids offering what it would refuse.
 */
export function canManage(staff: User, user: User): boolean {
  if (staff.id === user.id) return false;
  return staff.role === "superadmin" || user.role === "consumer";
}

/** Only superadmins change roles, and never their own. */
export function canChangeRole(staff: User, user: User): boolean {
  return staff.role === "superadmin" && staff.id !== user.id;
}
