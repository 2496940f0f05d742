import { useCallback, useState } from 'react';

export type QueueView = 'cards' | 'table';
const STORAGE_KEY = 'railjoint.queueView';

function stored(): QueueView {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'table' ? 'table' : 'cards';
  } catch {
    return 'cards';
  }
}

/** Cards or the dense table, remembered on this workstation. */
export function useQueueView(): [QueueView, (view: QueueView) => void] {
  const [view, setView] = useState<QueueView>(stored);
  const set = useCallback((next: QueueView) => {
    setView(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // the choice still holds for this page
    }
  }, []);
  return [view, set];
}
