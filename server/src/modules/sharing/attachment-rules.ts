/** Attachments: photographs of wanted persons and vehicles, scanned notices. Nothing that runs. */
export const ATTACHMENT_LIMIT = 5 * 1024 * 1024;

const SIGNATURES: Array<{ type: string; bytes: number[] }> = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

export const ALLOWED_ATTACHMENT_TYPES = SIGNATURES.map((s) => s.type);

/**
 * The type the content really is, by its first bytes; null when it is none of the allowed ones.
 * The declared content type is not trusted: a renamed executable stays an executable.
 */
export function sniffAttachment(bytes: Uint8Array): string | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.type;
  }
  return null;
}

/** A file name safe to show and to offer for download: no paths, no control characters. */
export function cleanFileName(raw: string | undefined): string | null {
  if (!raw) return null;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  return name && name.length <= 200 && name !== '.' && name !== '..' ? name : null;
}
