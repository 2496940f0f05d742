import { z } from 'zod';

// Zod compiles faster parsers with `new Function` where a page allows it, and finds out by trying
// as each schema is built: under the console's content security policy (no 'unsafe-eval') that try
// is itself reported as a violation. Imported first by main.tsx, before any schema exists. The
// console parses small answers; the plain parsers are fast enough.
z.config({ jitless: true });
