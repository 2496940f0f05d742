import QRCode from 'qrcode';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

const TEXT = {
  'zh-CN': { scan: '巡防打卡：请扫码，或输入', version: '版本' },
  en: { scan: 'Patrol check-in: scan, or type', version: 'version' },
};

/**
 * The label to print at a checkpoint: the QR code of its token, drawn here so the token never
 * goes to a third-party renderer, with the checkpoint's name and the code to type underneath.
 */
export async function checkpointLabelSvg(token: string, typed: string, name: string, version: number, lang: 'zh-CN' | 'en'): Promise<string> {
  const qr = (await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).replace(/^<\?xml[^>]*>\s*/, '');
  const t = TEXT[lang];
  const size = 240;
  const nested = qr.replace(/^<svg /, `<svg x="20" y="16" width="${size}" height="${size}" `);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="280" height="340" viewBox="0 0 280 340">`,
    `<rect width="280" height="340" fill="#ffffff"/>`,
    nested,
    `<text x="140" y="280" font-size="16" text-anchor="middle" font-family="sans-serif">${escapeXml(name.slice(0, 30))}</text>`,
    `<text x="140" y="304" font-size="11" text-anchor="middle" font-family="sans-serif">${escapeXml(t.scan)}</text>`,
    `<text x="140" y="326" font-size="18" text-anchor="middle" font-family="monospace" letter-spacing="2">${escapeXml(typed)}</text>`,
    `<text x="272" y="336" font-size="8" text-anchor="end" font-family="sans-serif">${t.version} ${version}</text>`,
    `</svg>`,
  ].join('');
}
