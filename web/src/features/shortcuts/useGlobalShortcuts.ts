import { useEffect } from 'react';
import { isTyping, matchShortcut } from './bindings';
import { runShortcut } from './registry';

/** One key listener for the whole console: it finds the action and whoever answers it now. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.repeat) return;
      const action = matchShortcut(e, isTyping(e.target));
      if (action && runShortcut(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
