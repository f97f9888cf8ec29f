// The database as app code (route handlers, server components, server actions) should import it:
// `import { getDb, listConversations } from "@/lib/db"`. Marked server-only so it can never end
// up in a browser bundle. Scripts run by tsx and unit tests import the individual modules
// (./client, ./queries, ./migrate) instead, because "server-only" throws outside Next.js.
// Migrations (./migrate, which loads the schema engine's wasm) are not re-exported here: they run
// at startup from the launcher or `npm run db:migrate`, outside the Next.js bundle.
import "server-only";

export { createDb, databaseUrl, disconnectAll, getDb, type Db } from "./client";
export * from "./queries";
export * from "./types";
