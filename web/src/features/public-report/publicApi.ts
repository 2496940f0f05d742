import { z } from 'zod';
import { PublicCategoryInfo, PublicReportReceipt, PublicReportStatus, type PublicReportRequest } from '@railjoint/contracts';
import { uuid } from '../../api/uuid';
import { ApiError, NETWORK_FAILURE, errorFromResponse } from '../../api/errors';

/**
 * The public page's own calls: no token, ever (a reporter is nobody's session), the page's
 * language, and a device id kept in this browser so the server's per-device limit can tell one
 * phone from the many behind a carrier's shared address.
 */
const DEVICE_KEY = 'railjoint.public.device';

function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = uuid();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return 'unknown';
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: { json?: unknown; bytes?: Blob; name?: string }): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang === 'en' ? 'en' : 'zh-CN', 'X-Device-Id': deviceId() };
  if (body?.json !== undefined) headers['Content-Type'] = 'application/json';
  if (body?.bytes) {
    headers['Content-Type'] = body.bytes.type || 'image/jpeg';
    headers['X-Filename'] = encodeURIComponent(body.name ?? 'photo.jpg');
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body?.bytes ?? (body?.json === undefined ? undefined : JSON.stringify(body.json)), credentials: 'omit' });
  } catch (e) {
    throw new ApiError(NETWORK_FAILURE, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw await errorFromResponse(res);
  return schema.parse(await res.json());
}

export const PublicPlaces = z.object({
  stations: z.array(z.object({ id: z.string(), name: z.string(), coordinates: z.tuple([z.number(), z.number()]) })),
  lines: z.array(z.object({ id: z.string(), name: z.string(), from: z.string(), to: z.string(), paths: z.array(z.array(z.tuple([z.number(), z.number()]))) })),
});
export type PublicPlaces = z.infer<typeof PublicPlaces>;

export const publicApi = {
  categories: () => call('GET', '/api/public/report-categories', z.object({ categories: z.array(PublicCategoryInfo) })),
  places: () => call('GET', '/api/public/places', PublicPlaces),
  submit: (report: PublicReportRequest) => call('POST', '/api/public/reports', PublicReportReceipt, { json: report }),
  photo: (code: string, photo: Blob, name: string) => call('POST', `/api/public/reports/${encodeURIComponent(code)}/photos`, PublicReportStatus, { bytes: photo, name }),
  status: (code: string) => call('GET', `/api/public/reports/${encodeURIComponent(code)}`, PublicReportStatus),
};
