import type { BulletinKind } from '@railjoint/contracts';

/** CAP urgency / severity / certainty a bulletin of each kind gets unless the sender says otherwise. */
export const KIND_DEFAULTS: Record<BulletinKind, { urgency: string; severity: string; certainty: string }> = {
  wanted: { urgency: 'Immediate', severity: 'Severe', certainty: 'Observed' },
  bolo: { urgency: 'Immediate', severity: 'Moderate', certainty: 'Likely' },
  risk_warning: { urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' },
  security_notice: { urgency: 'Expected', severity: 'Minor', certainty: 'Likely' },
  case_clue: { urgency: 'Expected', severity: 'Moderate', certainty: 'Possible' },
};
