// The worker thread's entry: the TypeScript sources through tsx, as the covering solver's does.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
