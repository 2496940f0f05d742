import fs from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { serverFile } from '../../../platform/assets.js';

const XSD = fs.readFileSync(serverFile('src/modules/sharing/cap/CAP-v1.2.xsd'), 'utf8');

export type XmlCheck = { ok: true; text: string } | { ok: false; code: 'empty' | 'bad_encoding' | 'dtd_refused' | 'xinclude_refused'; reasons: string[] };

/**
 * The document as text, before any XML parser sees it. CAP never needs a DTD, so any DOCTYPE or
 * ENTITY declaration is refused outright: nothing external is fetched, no entity is expanded
 * (XXE, billion laughs). The declared encoding is honoured (ISO-8859-1 alerts exist) and the text
 * handed on is UTF-8 with the declaration saying so.
 */
export function decodeAlert(bytes: Buffer): XmlCheck {
  if (bytes.length === 0) return { ok: false, code: 'empty', reasons: ['the body is empty'] };
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(declared === 'iso-8859-1' || declared === 'latin1' ? 'latin1' : declared, { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, code: 'bad_encoding', reasons: [`the document is not valid ${declared}`] };
  }
  text = text.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    return { ok: false, code: 'dtd_refused', reasons: ['the document declares a DOCTYPE or entities; CAP alerts need none and they are refused without being resolved (XML external entity protection)'] };
  }
  if (/<xi:include|XInclude/i.test(text)) return { ok: false, code: 'xinclude_refused', reasons: ['XInclude is refused'] };
  text = text.replace(/^(\s*<\?xml[^>]*encoding\s*=\s*["'])[^"']+(["'])/, '$1UTF-8$2');
  return { ok: true, text };
}

/** Validates against the official OASIS CAP 1.2 schema (libxml2 in WebAssembly, no network). */
export async function validateCapSchema(text: string): Promise<{ valid: boolean; reasons: string[] }> {
  const result = await validateXML({ xml: [{ fileName: 'alert.xml', contents: text }], schema: [XSD] });
  const reasons = result.errors.map((e) => (e.loc?.lineNumber ? `line ${e.loc.lineNumber}: ` : '') + e.message.replace(/^.*?Schemas validity error : /, '').trim());
  return { valid: result.valid, reasons };
}
