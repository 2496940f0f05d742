import { createHash } from 'node:crypto';
import type { RouteSpec } from './route.js';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const DOCS_STYLE = `body{font:14px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#1d2733}
code.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:3px;color:#fff;background:#456}
code.GET{background:#2a7}code.POST{background:#27c}code.PUT,code.PATCH{background:#c80}code.DELETE{background:#c33}
details{border-bottom:1px solid #e3e8ee;padding:.4rem 0}pre{background:#f6f8fa;padding:.8rem;overflow:auto;font-size:12px}`;

/** The page's one inline style, allowed by its hash: the page runs under the console's policy otherwise. */
export const DOCS_STYLE_SOURCE = `'sha256-${createHash('sha256').update(DOCS_STYLE).digest('base64')}'`;

/**
 * A readable API page without external assets (the machines that run RailJoint often have no
 * internet): operations by tag, each with its schemas folded open on demand.
 */
export function renderDocsPage(routes: RouteSpec[], openapi: Record<string, unknown>): string {
  const byTag = new Map<string, RouteSpec[]>();
  for (const r of routes) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r]);
  const paths = openapi.paths as Record<string, Record<string, unknown>>;
  const sections = [...byTag.entries()]
    .map(([tag, rs]) => {
      const items = rs
        .map((r) => {
          const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
          const op = paths[path]?.[r.method.toLowerCase()];
          return `<details><summary><code class="m ${r.method}">${r.method}</code> <code>${escape(r.url)}</code> — ${escape(r.summary)}${
            r.access === 'public' ? ' <em>(public)</em>' : ''
          }</summary><pre>${escape(JSON.stringify(op, null, 2))}</pre></details>`;
        })
        .join('\n');
      return `<h2>${escape(tag)}</h2>\n${items}`;
    })
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>RailJoint API</title>
<style>${DOCS_STYLE}</style></head>
<body><h1>RailJoint API</h1><p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Sign in with <code>POST /api/auth/login</code> and send <code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>{"error":{"code","message","details"}}</code>.</p>
${sections}</body></html>`;
}
