#!/usr/bin/env node
// The CLI runs the same TypeScript sources as the server, through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
