/**
 * The periods offered: the last twelve Beijing-time months and the last four quarters before the
 * platform's now, newest first (an assessment is of a period that has ended, or of the running one
 * while it runs).
 */
const BEIJING_MS = 8 * 3600_000;

export function recentPeriods(nowMs: number): { months: string[]; quarters: string[] } {
  const d = new Date(nowMs + BEIJING_MS);
  const y = d.getUTCFullYear();
  const m0 = d.getUTCMonth();
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const x = new Date(Date.UTC(y, m0 - i, 1));
    months.push(`${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const quarters: string[] = [];
  for (let i = 0; i < 4; i++) {
    const x = new Date(Date.UTC(y, m0 - 3 * i, 1));
    quarters.push(`${x.getUTCFullYear()}Q${Math.floor(x.getUTCMonth() / 3) + 1}`);
  }
  return { months, quarters };
}

/** The month before the running one: the one a department assesses. */
export const lastMonth = (nowMs: number) => recentPeriods(nowMs).months[1]!;
