import { useEffect, useRef } from 'react';
import type { ShortcutAction } from './bindings';

/**
 * Who answers a shortcut right now: the part of the screen that can (the open incident dispatches
 * its top recommendation, the queue moves to the next incident). The latest registration wins, so
 * an open form or dialog can take a key over while it is shown. An action nobody answers does
 * nothing (the alert centre, in the top bar of every room, answers "acknowledge the newest alert").
 */
const handlers = new Map<ShortcutAction, Array<() => void>>();

export function registerShortcut(action: ShortcutAction, run: () => void): () => void {
  const list = handlers.get(action) ?? [];
  list.push(run);
  handlers.set(action, list);
  return () => {
    const now = handlers.get(action) ?? [];
    const i = now.lastIndexOf(run);
    if (i >= 0) now.splice(i, 1);
  };
}

/** Runs the action's current handler; false when nothing on screen answers it. */
export function runShortcut(action: ShortcutAction): boolean {
  const run = handlers.get(action)?.at(-1);
  if (!run) return false;
  run();
  return true;
}

export function isShortcutAvailable(action: ShortcutAction): boolean {
  return (handlers.get(action)?.length ?? 0) > 0;
}

/** Answers `action` while mounted (and `enabled`), always with the latest `run`. */
export function useShortcut(action: ShortcutAction, run: () => void, enabled = true): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => (enabled ? registerShortcut(action, () => latest.current()) : undefined), [action, enabled]);
}
