import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType, z } from 'zod';
import type { Actor } from '../auth/actor.js';
import type { Action, ResourceKind } from '../policies.js';

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

export type ReadsDeclaration =
  /** the same for every signed-in user: the network, the organisation, the categories… (the reason) */
  | { reference: string }
  /** the user's own things only: their account, their agency's webhooks (the reason) */
  | { own: string }
  /** gated by a role alone (policies/actions.ts) */
  | { action: Action }
  | {
      /** the resource a path parameter names: 404 unless its read rule lets the user in */
      item?: { kind: ResourceKind; param: string };
      /** resources listed in the JSON answer, by path (`incidents.*.id`): each must be readable */
      lists?: Array<{ kind: ResourceKind; at: string }>;
      /** a document (export, file) whose text may name resources of these kinds: only readable ones */
      mentions?: ResourceKind[];
    };

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
  /**
   * What agency data a signed-in read returns, so the access-matrix test can check it against
   * the read rules (policies/catalogue.ts). Every signed-in GET must say: a route without it fails
   * a test, so no new read escapes the matrix.
   */
  reads?: ReadsDeclaration;
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
