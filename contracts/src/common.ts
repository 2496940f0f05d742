import { z } from 'zod';

/** The one error shape every route answers with. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits, _ . : -');
export const LonLat = z.tuple([
  z.number().gte(-180).lte(180),
  z.number().gte(-90).lte(90),
]);
export type LonLat = z.infer<typeof LonLat>;

/** A problem found while checking an import file: always names the feature it is about. */
export const ImportProblem = z.object({
  featureId: z.string().nullable(),
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/** A zod issue path as people write it: `features[3].properties.kmPosts[5].mileage`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, root = ''): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
