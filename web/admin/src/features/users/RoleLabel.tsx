const names: Record<string, string> = { consumer: "Consumer", admin: "Admin", superadmin: "Superadmin" };

export function roleName(role: string): string {
  return names[role] ?? role;
}

export function RoleLabel({ role }: { role: string }) {
  return <>{roleName(role)}</>;
}
