// Zod compiles object parsers with `new Function` where eval is allowed, and probes for that once
// with a caught `Function("")`. The pages' Content-Security-Policy forbids eval, so the probe shows
// up as a CSP violation: harmless, but noise that would hide a real one. In the browser zod runs
// without JIT. Imported first by the client roots (components/chat/workspace.tsx, lib/auth/client.ts),
// before the AI SDK, better-auth or the contract build any schema.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
