import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';

/**
 * The record a governance room shows lives in its address (`/meetings/:id`), so a link, a reload
 * or the back button bring the same one back; a form the room opens over it (convene, draw up,
 * make) is the page's own state. Opening a record closes any form; a form that saved opens the
 * record it made, one cancelled shows again what was there.
 */
export function useRecordSelection<F = true>(pathOf: (id: string) => string) {
  const navigate = useNavigate();
  const { id } = useParams();
  const [form, setForm] = useState<F | null>(null);
  const open = (recordId: string) => {
    setForm(null);
    navigate(pathOf(recordId));
  };
  const closeForm = (recordId: string | null) => (recordId ? open(recordId) : setForm(null));
  return { id, form, openForm: (f: F) => setForm(f), open, closeForm };
}

export type RecordSelection = Pick<ReturnType<typeof useRecordSelection>, 'id' | 'open'>;
