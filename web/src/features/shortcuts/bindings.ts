/**
 * The console's global keyboard shortcuts. Single keys work only outside fields, so typing "n" in
 * a description never opens a new call; the Alt (and Ctrl+K) forms work everywhere. Letters are
 * matched by physical key (`code`): Alt+N gives other characters on some layouts.
 */
export const SHORTCUT_ACTIONS = ['newCall', 'dispatchTop', 'nextIncident', 'prevIncident', 'ackAlert', 'search', 'help'] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

/** The keys as shown in tooltips and the help overlay. */
export const SHORTCUT_KEYS: Record<ShortcutAction, string[]> = {
  newCall: ['N', 'Alt+N'],
  dispatchTop: ['D', 'Alt+D'],
  nextIncident: ['J', 'Alt+↓'],
  prevIncident: ['K', 'Alt+↑'],
  ackAlert: ['A', 'Alt+A'],
  search: ['/', 'Ctrl+K'],
  help: ['?'],
};

const LETTERS: Record<string, ShortcutAction> = { KeyN: 'newCall', KeyD: 'dispatchTop', KeyJ: 'nextIncident', KeyK: 'prevIncident', KeyA: 'ackAlert' };
const ALT_ONLY: Record<string, ShortcutAction> = { ArrowDown: 'nextIncident', ArrowUp: 'prevIncident' };

export interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The action a key press asks for; `typing`: the focus is in a field, where only modified keys count. */
export function matchShortcut(e: KeyPress, typing: boolean): ShortcutAction | null {
  const command = e.ctrlKey || e.metaKey;
  if (command && !e.altKey && !e.shiftKey && e.code === 'KeyK') return 'search';
  if (e.altKey && !command && !e.shiftKey) return LETTERS[e.code] ?? ALT_ONLY[e.code] ?? null;
  if (typing || e.altKey || command) return null;
  if (e.key === '?') return 'help';
  if (e.key === '/') return 'search';
  return e.shiftKey ? null : (LETTERS[e.code] ?? null);
}

/** Text fields, selects and editable regions: single keys there are the user's text. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}
