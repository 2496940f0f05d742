/**
 * Photos from patrols and the public, cleaned before they are kept: a phone's photo carries where
 * it was taken (EXIF GPS), when, the phone's make and serial number, and sometimes a thumbnail of
 * the uncropped picture. None of that may reach anyone the photo is shown to, least of all through
 * an Open311 client, so only the picture itself is kept: JPEG keeps its JFIF header, colour profile
 * and Adobe colour marker and loses every other APPn and comment segment; PNG keeps the chunks that
 * draw the image and loses text, time and EXIF chunks. The EXIF orientation alone is written back,
 * or a photo taken upright would show on its side.
 *
 * Only JPEG and PNG: a photo is judged by its content, and anything that cannot be walked to its
 * end is refused rather than kept half-cleaned.
 */
export type CleanedPhoto = { ok: true; type: 'image/jpeg' | 'image/png'; bytes: Buffer; removed: string[] } | { ok: false; why: 'not_a_photo' | 'unreadable' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** PNG chunks that draw the picture; everything else (tEXt, zTXt, iTXt, tIME, eXIf, private chunks) goes. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs']);

export function cleanPhoto(bytes: Buffer): CleanedPhoto {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return cleanJpeg(bytes);
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return cleanPng(bytes);
  return { ok: false, why: 'not_a_photo' };
}

function cleanPng(bytes: Buffer): CleanedPhoto {
  const parts: Buffer[] = [PNG_SIGNATURE];
  const removed: string[] = [];
  let at = 8;
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) return { ok: false, why: 'unreadable' };
    if (PNG_KEEP.has(type)) parts.push(bytes.subarray(at, end));
    else removed.push(type);
    at = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended || parts.length < 3) return { ok: false, why: 'unreadable' };
  return { ok: true, type: 'image/png', bytes: Buffer.concat(parts), removed };
}

/** Orientation (EXIF tag 0x0112) from an APP1 Exif segment's payload, or null. */
export function exifOrientation(payload: Buffer): number | null {
  if (payload.length < 14 || payload.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (o: number) => (o + 2 <= tiff.length ? (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o)) : null);
  const u32 = (o: number) => (o + 4 <= tiff.length ? (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o)) : null);
  const ifd = u32(4);
  if (ifd === null) return null;
  const count = u16(ifd);
  if (count === null) return null;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const v = u16(entry + 8);
      return v !== null && v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** A minimal APP1 Exif segment holding the orientation and nothing else. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function cleanJpeg(bytes: Buffer): CleanedPhoto {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  const removed: string[] = [];
  let orientation: number | null = null;
  let afterApp0 = 1;
  let scanned = false;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { ok: false, why: 'unreadable' };
    const marker = bytes[at + 1]!;
    // fill bytes before a marker
    if (marker === 0xff) {
      at++;
      continue;
    }
    // an end of image before any picture data: nothing to show
    if (marker === 0xd9) break;
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return { ok: false, why: 'unreadable' };
    const payload = bytes.subarray(at + 4, end);
    if (marker === 0xda) {
      // start of scan: the compressed picture runs to the end of the file
      kept.push(bytes.subarray(at));
      scanned = true;
      break;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep =
      !isApp && marker !== 0xfe
        ? true
        : (marker === 0xe0 && /^JF(IF|XX)\0/.test(payload.toString('latin1', 0, 5))) || (marker === 0xe2 && payload.toString('latin1', 0, 12) === 'ICC_PROFILE\0') || (marker === 0xee && payload.toString('latin1', 0, 5) === 'Adobe');
    if (keep) {
      kept.push(bytes.subarray(at, end));
      if (marker === 0xe0) afterApp0 = kept.length;
    } else {
      if (marker === 0xe1) orientation ??= exifOrientation(payload);
      removed.push(marker === 0xfe ? 'COM' : `APP${marker - 0xe0}`);
    }
    at = end;
  }
  if (!scanned) return { ok: false, why: 'unreadable' };
  if (orientation !== null && orientation !== 1) kept.splice(afterApp0, 0, orientationSegment(orientation));
  return { ok: true, type: 'image/jpeg', bytes: Buffer.concat(kept), removed };
}
