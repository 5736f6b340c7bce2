// Where the API is. The web build is served by the PowerSave server itself, so it calls its own
// origin; on a phone set EXPO_PUBLIC_API_URL to the server's address (see README.md).
const origin = (process.env.EXPO_PUBLIC_API_URL ?? "").replace(/\/+$/, "");

export const API_BASE_URL = `${origin}/api/v1`;
