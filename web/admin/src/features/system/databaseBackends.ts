// The database backends the server runs on, for people.

const BACKEND_NAMES: Record<string, string> = {
  sqlite: "SQLite",
  postgres: "PostgreSQL",
};

export function databaseBackendName(backend: string): string {
  return BACKEND_NAMES[backend] ?? backend;
}
