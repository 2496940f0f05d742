import { z } from 'zod';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), with the standard's own field
 * names. Requests arrive as application/x-www-form-urlencoded (JSON is accepted too), so every
 * value comes as text; numbers are read from it here.
 */
const text = (max: number) => z.string().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    // "Optional" in the standard: an empty value is the same as none
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const coordinate = (min: number, max: number) =>
  optionalText(32).pipe(
    z
      .string()
      .regex(/^-?\d{1,3}(\.\d+)?$/, 'a decimal number in degrees (WGS84)')
      .transform(Number)
      .pipe(z.number().gte(min).lte(max))
      .optional(),
  );

export const Open311Format = z.enum(['json', 'xml']);

export const Open311PostRequest = z.object({
  api_key: optionalText(200),
  jurisdiction_id: optionalText(200),
  service_code: text(64).trim().min(1, 'service_code is required'),
  lat: coordinate(-90, 90),
  long: coordinate(-180, 180),
  address_string: optionalText(500),
  /** one of our stations (its id), as the jurisdiction's address repository */
  address_id: optionalText(64),
  email: optionalText(200).pipe(z.email().optional()),
  device_id: optionalText(200),
  account_id: optionalText(200),
  first_name: optionalText(50),
  last_name: optionalText(50),
  phone: optionalText(32).pipe(z.string().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number').optional()),
  description: optionalText(4000),
  media_url: optionalText(2000).pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** attribute[code]=value pairs of the service definition */
  attribute: z.record(z.string().max(64), z.union([text(200), z.array(text(200)).max(20)])).optional(),
});
export type Open311PostRequest = z.infer<typeof Open311PostRequest>;

const isoInstant = optionalText(40).pipe(z.iso.datetime({ offset: true }).optional());
const commaList = (max: number) => optionalText(max).transform((v) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean)));

export const Open311RequestsQuery = z.object({
  api_key: optionalText(200),
  jurisdiction_id: optionalText(200),
  service_request_id: commaList(2000),
  service_code: commaList(1000),
  start_date: isoInstant,
  end_date: isoInstant,
  status: commaList(40).pipe(z.array(z.enum(['open', 'closed'])).optional()),
});
export type Open311RequestsQuery = z.infer<typeof Open311RequestsQuery>;

export const Open311Query = z.object({ jurisdiction_id: optionalText(200), api_key: optionalText(200) });
