import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType, z } from 'zod';
import type { Actor } from '../auth/actor.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** null only on public routes */
  actor: Actor | null;
  lang: 'zh-CN' | 'en';
  request: FastifyRequest;
  reply: FastifyReply;
}

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;

/**
 * One HTTP operation: its contract (schemas that validate input and document output) and its
 * handler. Routes are thin: they validate, ask the policies, call a service and present the result.
 */
export interface RouteSpec<BS extends ZodType | undefined = any, QS extends ZodType | undefined = any, PS extends ZodType | undefined = any> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  /** `public` routes need no sign-in; every other route needs one, then asks the policies */
  access: 'public' | 'signed-in';
  body?: BS;
  query?: QS;
  params?: PS;
  response?: ZodType;
  /** status of a successful answer (default 200) */
  status?: number;
  /** content types other than JSON the body may come in (raw text is passed as a string) */
  rawBody?: string[];
  bodyLimit?: number;
  handler: (ctx: RouteContext<Infer<BS>, Infer<QS>, Infer<PS>>) => Promise<unknown>;
}

export function defineRoute<BS extends ZodType | undefined = undefined, QS extends ZodType | undefined = undefined, PS extends ZodType | undefined = undefined>(
  spec: RouteSpec<BS, QS, PS>,
): RouteSpec<BS, QS, PS> {
  return spec;
}
