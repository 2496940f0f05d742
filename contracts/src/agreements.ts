import { z } from 'zod';
import { Id } from './common.js';
import { MileageText } from './network.js';

/**
 * Cooperation agreements (联防联控协议) and responsibility pledges (责任书) between agencies: the
 * parties, the stretch of line (mileage ranges) and/or areas they cover, obligations with
 * measurable targets, the validity and the signed copies. The platform measures each obligation
 * from its own data per month. (Named Cooperation… to stay apart from the joint-defence
 * `Agreement` of the organisation file and the data-sharing agreements.)
 */
export const OBLIGATION_KINDS = ['patrol_hours', 'response_time', 'hazard_rectification', 'bulletin_ack'] as const;
export const ObligationKind = z.enum(OBLIGATION_KINDS);
export type ObligationKind = z.infer<typeof ObligationKind>;

export const ObligationInput = z.object({
  kind: ObligationKind,
  /** the party that owes it */
  partyAgencyId: Id,
  /** patrol_hours: hours a month at least; the others: the share in percent at least */
  target: z.number().positive().max(10_000),
  /** response_time: minutes from reception to the scene; bulletin_ack: minutes to acknowledge */
  limitMin: z.number().int().positive().max(7 * 24 * 60).optional(),
  text: z.string().trim().max(500).optional(),
});
export type ObligationInput = z.infer<typeof ObligationInput>;

export const ScopeLineInput = z.object({ lineId: Id, from: MileageText, to: MileageText });

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const CooperationAgreementInput = z.object({
  kind: z.enum(['agreement', 'pledge']),
  title: z.string().trim().min(1).max(120),
  parties: z.array(Id).min(2).max(30),
  scope: z.object({
    lines: z.array(ScopeLineInput).max(50).default([]),
    /** counties and townships, by agency: the area of their jurisdiction */
    areas: z.array(Id).max(50).default([]),
  }),
  obligations: z.array(ObligationInput).min(1).max(40),
  validFrom: Day,
  validTo: Day,
  note: z.string().trim().max(4000).optional(),
});
export type CooperationAgreementInput = z.infer<typeof CooperationAgreementInput>;

export const CooperationAgreementStatus = z.enum(['draft', 'in_force', 'expired']);
export type CooperationAgreementStatus = z.infer<typeof CooperationAgreementStatus>;

export const CooperationAgreement = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(['agreement', 'pledge']),
  title: z.string(),
  parties: z.array(z.object({ agencyId: z.string(), name: z.string() })),
  scope: z.object({
    lines: z.array(z.object({ lineId: z.string(), lineName: z.string(), from: z.string(), to: z.string(), fromM: z.number(), toM: z.number() })),
    areas: z.array(z.object({ agencyId: z.string(), name: z.string() })),
  }),
  obligations: z.array(ObligationInput.extend({ partyName: z.string() })),
  validFrom: z.string(),
  validTo: z.string(),
  note: z.string().nullable(),
  status: CooperationAgreementStatus,
  signedAt: z.string().nullable(),
  copies: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), uploadedAt: z.string(), uploadedBy: z.string() })),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type CooperationAgreement = z.infer<typeof CooperationAgreement>;

export const CooperationAgreementList = z.object({
  agreements: z.array(CooperationAgreement.pick({ id: true, code: true, kind: true, title: true, parties: true, validFrom: true, validTo: true, status: true })),
});

export const ObligationMeasure = z.object({
  index: z.number(),
  kind: ObligationKind,
  partyAgencyId: z.string(),
  partyName: z.string(),
  target: z.number(),
  limitMin: z.number().nullable(),
  /** hours for patrol_hours, percent for the others; null when nothing was there to measure */
  value: z.number().nullable(),
  unit: z.enum(['hours', 'percent']),
  met: z.boolean().nullable(),
  /** what the value was counted from: patrols, incidents, hazards or bulletins, and how many within */
  counted: z.number(),
  within: z.number(),
  /** response_time: the median minutes to the scene */
  medianMin: z.number().nullable(),
});
export type ObligationMeasure = z.infer<typeof ObligationMeasure>;

export const AgreementCompliance = z.object({ agreementId: z.string(), month: z.string(), from: z.string(), to: z.string(), obligations: z.array(ObligationMeasure) });
export type AgreementCompliance = z.infer<typeof AgreementCompliance>;
export const ComplianceQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') });
