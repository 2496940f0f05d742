// The worker thread's entry: the TypeScript sources through tsx, as server/bin/railjoint.mjs runs
// them, so the same file serves the bundle in dist/ and the sources (tsx is a run-time dependency).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
