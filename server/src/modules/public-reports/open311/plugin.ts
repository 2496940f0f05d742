import crypto from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Open311PostRequest, Open311Query, Open311RequestsQuery, PUBLIC_CATEGORIES, type PublicCategory, type PublicWhere } from '@railjoint/contracts';
import { HttpError } from '../../../platform/http/errors.js';
import { preferredLang } from '../../../platform/http/register.js';
import { clientOf } from '../../../platform/http/client.js';
import { now } from '../../../platform/clock.js';
import type { NetworkService } from '../../network/service.js';
import type { PublicReportService } from '../service.js';
import type { Open311Clients } from '../open311-clients.js';
import { PUBLIC_CATEGORY_DEFS, publicCategory } from '../categories.js';
import { originOf } from '../origin.js';
import { open311Status } from '../public-status.js';
import { errors, parseForm, render, type Open311Format } from './format.js';

export interface Open311Options {
  reports: PublicReportService;
  clients: Open311Clients;
  network: NetworkService;
  /** what clients may send as jurisdiction_id (the endpoint serves one) */
  jurisdictionId: string;
}

const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const MAX_RANGE_MS = 90 * 86_400_000;

class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly list: Array<{ code: number; description: string }>,
  ) {
    super(list[0]?.description ?? 'error');
  }
}
const fail = (status: number, description: string) => new Open311Error(status, [{ code: status, description }]);

function formatOf(request: FastifyRequest): Open311Format {
  const f = (request.params as { format?: string } | undefined)?.format;
  if (f === 'xml' || f === 'json') return f;
  return /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Open311Format, root: string, value: Parameters<typeof render>[2], status = 200) {
  const { contentType, body } = render(format, root, value);
  return reply.status(status).header('content-type', contentType).header('cache-control', 'no-store').send(body);
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new Open311Error(400, r.error.issues.map((i) => ({ code: 400, description: `${i.path.join('.') || 'request'}: ${i.message}` })));
}

/**
 * Open311 GeoReport v2 at /open311/v2 (and its discovery document), JSON and XML, with the
 * standard's field names and its own error form ([{code, description}] / <errors>), which is why
 * it lives outside the /api contract registry: an Open311 client expects those errors, not ours.
 *
 * What it deliberately does not publish: a request's description, place, photos and reporter —
 * only its state and the handling agency's public notes, as the /report page. Requests are found
 * by their service_request_id (the tracking code) or, for an application with its api_key, among
 * those it posted itself: no one lists other people's reports.
 */
export function open311Plugin(opts: Open311Options) {
  const { reports, clients, network, jurisdictionId } = opts;

  const checkJurisdiction = (id: string | undefined) => {
    if (id !== undefined && id !== jurisdictionId) throw fail(404, `jurisdiction_id ${id} not found; this endpoint serves ${jurisdictionId}`);
  };
  const application = async (apiKey: string | undefined) => {
    if (!apiKey) throw fail(403, 'api_key is required to post a request');
    const client = await clients.byKey(apiKey);
    if (!client) throw fail(403, 'invalid api_key');
    return client;
  };
  const deviceKey = (device: string | undefined) => (device ? crypto.createHash('sha256').update(device).digest('hex').slice(0, 32) : null);

  const service = (lang: 'zh-CN' | 'en') =>
    PUBLIC_CATEGORY_DEFS.map((c) => {
      const t = c[lang === 'en' ? 'en' : 'zh'];
      return { service_code: c.id, service_name: t.name, description: t.description, metadata: true, type: 'realtime', keywords: t.keywords, group: c.group };
    });

  const definition = (code: string, lang: 'zh-CN' | 'en') => {
    const en = lang === 'en';
    const lines = network.current().lines().map((l) => ({ key: l.id, name: l.name }));
    return {
      service_code: code,
      attributes: [
        { variable: true, code: 'train_number', datatype: 'string', required: false, datatype_description: en ? 'e.g. G1234' : '如 G1234', order: 1, description: en ? 'On a train: its number (instead of lat/long)' : '在列车上：车次（可代替经纬度）' },
        { variable: true, code: 'car_number', datatype: 'number', required: false, datatype_description: en ? '1 to 40' : '1至40', order: 2, description: en ? 'On a train: the car' : '在列车上：车厢号' },
        { variable: true, code: 'line', datatype: 'singlevaluelist', required: false, datatype_description: null, order: 3, description: en ? 'At a km post: the line' : '在里程标处：线路', values: lines },
        { variable: true, code: 'km_post', datatype: 'string', required: false, datatype_description: en ? 'e.g. K499+940' : '如 K499+940', order: 4, description: en ? 'At a km post: the mileage written on it' : '在里程标处：标上的里程' },
      ],
    };
  };

  /** Where, from the standard's fields and ours: lat & long, a station as address_id, a train, or a line and km post. */
  const whereOf = (p: z.infer<typeof Open311PostRequest>): PublicWhere => {
    const attr = (k: string) => {
      const v = p.attribute?.[k];
      return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
    };
    if (p.lat !== undefined && p.long !== undefined) return { lon: p.long, lat: p.lat };
    if (p.lat !== undefined || p.long !== undefined) throw fail(400, 'lat and long are sent together');
    if (p.address_id) {
      if (!network.current().station(p.address_id)) throw fail(400, `address_id ${p.address_id} is not a station of this network`);
      return { stationId: p.address_id };
    }
    const train = attr('train_number');
    if (train) {
      if (!/^[A-Za-z]?\d{1,5}$/.test(train)) throw fail(400, 'attribute[train_number]: a train number such as G1234');
      const car = attr('car_number');
      const n = car === undefined ? undefined : Number(car);
      if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 40)) throw fail(400, 'attribute[car_number]: a car number from 1 to 40');
      return { train, ...(n !== undefined ? { car: n } : {}) };
    }
    const line = attr('line');
    const km = attr('km_post');
    if (line && km) return { lineId: line, mileage: km };
    throw fail(400, 'a location is required: lat & long, address_id (a station), attribute[train_number], or attribute[line] with attribute[km_post]');
  };

  const requestOut = (r: Awaited<ReturnType<PublicReportService['statuses']>>[number]) => ({
    service_request_id: r.status.trackingCode,
    status: open311Status(r.status.status),
    status_notes: r.status.notes.at(-1)?.text ?? null,
    service_name: r.status.categoryName,
    service_code: r.status.category,
    description: null,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: r.status.submittedAt,
    updated_datetime: r.status.updatedAt,
    expected_datetime: null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  });

  return async function plugin(app: FastifyInstance): Promise<void> {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(String(body))));

    app.setErrorHandler((error: FastifyError | HttpError | Open311Error | Error, request, reply) => {
      const format = formatOf(request);
      if (error instanceof Open311Error) return send(reply, format, 'errors', errors(error.list), error.status);
      if (error instanceof HttpError) {
        if (error.status === 429) reply.header('retry-after', String((error.details as { retryAfterS?: number } | undefined)?.retryAfterS ?? 60));
        // an Open311 application shows the description to the person who reported: in their language
        const lang = preferredLang(request);
        const fields = error.details?.fields;
        const list = fields?.length ? fields.map((f) => ({ code: error.status, description: `${f.field.replace(/^body\.(location|where)\.?/, '')}: ${f.message.in(lang)}` })) : [{ code: error.status, description: error.said.in(lang) }];
        return send(reply, format, 'errors', errors(list), error.status);
      }
      const fe = error as FastifyError;
      if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return send(reply, format, 'errors', errors([{ code: fe.statusCode, description: fe.message }]), fe.statusCode);
      request.log.error({ err: error }, 'unhandled Open311 error');
      return send(reply, format, 'errors', errors([{ code: 500, description: 'internal error; it has been logged' }]), 500);
    });
    app.setNotFoundHandler((request, reply) => send(reply, formatOf(request), 'errors', errors([{ code: 404, description: `no resource ${request.method} ${request.url.split('?')[0]}` }]), 404));

    const formatted = (request: FastifyRequest): Open311Format => {
      const f = (request.params as { format: string }).format;
      if (f !== 'json' && f !== 'xml') throw fail(404, `format ${f} is not served: json or xml`);
      return f;
    };

    app.get('/discovery.:format', async (request, reply) => {
      const format = formatted(request);
      const url = `${request.protocol}://${request.host}/open311/v2`;
      return send(reply, format, 'discovery', { changeset: '2026-12-01T00:00:00Z', contact: jurisdictionId, key_service: jurisdictionId, endpoints: [{ specification: SPEC, url, changeset: '2026-12-01T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] }] });
    });

    app.get('/services.:format', async (request, reply) => {
      const format = formatted(request);
      checkJurisdiction(parse(Open311Query, request.query).jurisdiction_id);
      return send(reply, format, 'services', service(preferredLang(request)));
    });

    app.get('/services/:code.:format', async (request, reply) => {
      const format = formatted(request);
      checkJurisdiction(parse(Open311Query, request.query).jurisdiction_id);
      const code = (request.params as { code: string }).code;
      if (!publicCategory(code)) throw fail(404, `service_code ${code} not found`);
      return send(reply, format, 'service_definition', definition(code, preferredLang(request)));
    });

    app.post('/requests.:format', async (request, reply) => {
      const format = formatted(request);
      const p = parse(Open311PostRequest, request.body);
      checkJurisdiction(p.jurisdiction_id);
      const client = await application(p.api_key);
      if (!(PUBLIC_CATEGORIES as readonly string[]).includes(p.service_code)) throw fail(404, `service_code ${p.service_code} not found`);
      const lang = preferredLang(request);
      const def = publicCategory(p.service_code)!;
      const name = [p.first_name, p.last_name].filter(Boolean).join(' ') || undefined;
      const description = [p.description ?? def[lang === 'en' ? 'en' : 'zh'].name, p.address_string ? `(${p.address_string})` : null].filter(Boolean).join(' ');
      const r = await reports.submit(
        {
          category: p.service_code as PublicCategory,
          where: whereOf(p),
          description: description.slice(0, 2000),
          contact: name || p.phone || p.email ? { ...(name ? { name: name.slice(0, 50) } : {}), ...(p.phone ? { phone: p.phone } : {}), ...(p.email ? { email: p.email } : {}) } : undefined,
          source: 'open311',
          open311ClientId: client.id,
          mediaUrl: p.media_url ?? null,
        },
        originOf(request, deviceKey(p.device_id), client.id),
        lang,
        `open311:${client.name} ${clientOf(request)}`.slice(0, 200),
      );
      return send(reply, format, 'service_requests', [{ service_request_id: r.trackingCode, service_notice: r.notice, account_id: null }]);
    });

    app.get('/requests.:format', async (request, reply) => {
      const format = formatted(request);
      const q = parse(Open311RequestsQuery, request.query);
      checkJurisdiction(q.jurisdiction_id);
      const lang = preferredLang(request);
      const origin = originOf(request);
      let found;
      if (q.service_request_id?.length) found = await reports.statuses(q.service_request_id, origin, lang);
      else if (q.api_key) {
        const client = await application(q.api_key);
        const to = q.end_date ? Date.parse(q.end_date) : now();
        const from = q.start_date ? Date.parse(q.start_date) : to - MAX_RANGE_MS;
        if (to - from > MAX_RANGE_MS || to < from) throw fail(400, 'start_date and end_date span at most 90 days, start before end');
        found = await reports.ofOpen311Client(client.id, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), categories: q.service_code }, lang);
      } else throw fail(400, 'name the requests (service_request_id, comma-separated) or send the api_key of the application that posted them: reports from the public are not published');
      const wanted = found.filter((r) => (!q.status || q.status.includes(open311Status(r.status.status))) && (!q.service_code || q.service_code.includes(r.status.category)));
      return send(reply, format, 'service_requests', wanted.map(requestOut));
    });

    app.get('/requests/:id.:format', async (request, reply) => {
      const format = formatted(request);
      checkJurisdiction(parse(Open311Query, request.query).jurisdiction_id);
      const id = (request.params as { id: string }).id;
      const [found] = await reports.statuses([id], originOf(request), preferredLang(request));
      if (!found) throw fail(404, `service_request_id ${id} not found`);
      return send(reply, format, 'service_requests', [requestOut(found)]);
    });

    app.get('/tokens/:token.:format', async (request, reply) => {
      const format = formatted(request);
      checkJurisdiction(parse(Open311Query, request.query).jurisdiction_id);
      const token = (request.params as { token: string }).token;
      const code = await reports.codeForToken(token, originOf(request)).catch((e: unknown) => {
        throw e instanceof HttpError && e.status === 404 ? fail(404, `token ${token} not found (yet)`) : e;
      });
      return send(reply, format, 'service_requests', [{ service_request_id: code, token }]);
    });
  };
}
