// Zod compiles object parsers with `new Function` where eval is allowed, and probes for that once
// with a caught `Function("")`. The pages' Content-Security-Policy forbids eval, so the probe shows
// up as a CSP violation: harmless, but noise that would hide a real one. In the browser zod runs
// without JIT. Imported first by the browser modules that bring zod along, before the AI SDK or
// the contract build any schema: the chat's runtime (components/chat/chat-runtime.ts), the upload
// schemas (components/documents/upload-schemas.ts) and the comparison (components/compare/compare-view.tsx).
// The pages themselves load without zod (better-auth's client has none either).
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
