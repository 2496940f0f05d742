/**
 * "New call" pressed while the call form is already open: the form hears it and puts the cursor
 * back in the category for the next caller.
 */
const listeners = new Set<() => void>();

export function requestNewCall(): void {
  for (const listener of listeners) listener();
}

export function onNewCallRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
