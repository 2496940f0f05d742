import { afterAll, beforeAll } from 'vitest';
import { startClockAt } from '../src/platform/clock.js';

// Test files share their worker's modules (isolate: false), and the platform clock is process-wide:
// a file that set it (a night scenario, a deadline passed) must not hand it on to the next file.
beforeAll(() => startClockAt(null));
afterAll(() => startClockAt(null));
