import { describe, expect, it } from 'vitest';
import { cleanPhoto, exifOrientation } from './photos.js';
import { JFIF, jpegWithGps, SCAN, segment } from './photos.fixtures.js';

describe('photo cleaning', () => {
  it('drops EXIF (with its GPS), XMP and comments from a JPEG, keeping the picture and its orientation', () => {
    const original = jpegWithGps(6);
    expect(original.includes(Buffer.from('GPSLatitude'))).toBe(true);
    const c = cleanPhoto(original);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.type).toBe('image/jpeg');
    expect(c.bytes.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(c.bytes.includes(Buffer.from('13800000000'))).toBe(false);
    expect(c.removed).toEqual(['APP1', 'COM']);
    expect(c.bytes.subarray(-SCAN.length).equals(SCAN)).toBe(true);
    // the orientation survives in an Exif segment of its own, right after JFIF
    const app1 = c.bytes.indexOf(Buffer.from([0xff, 0xe1]));
    expect(exifOrientation(c.bytes.subarray(app1 + 4, app1 + 4 + c.bytes.readUInt16BE(app1 + 2) - 2))).toBe(6);
    expect(cleanPhoto(jpegWithGps(1)).ok && (cleanPhoto(jpegWithGps(1)) as { bytes: Buffer }).bytes.includes(Buffer.from('Exif'))).toBe(false);
  });

  it('keeps a PNG’s drawing chunks and drops its text, time and EXIF chunks', () => {
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', Buffer.alloc(13)), chunk('tEXt', Buffer.from('Location\0Liuzhou')), chunk('eXIf', Buffer.from('MM')), chunk('IDAT', Buffer.alloc(10)), chunk('IEND', Buffer.alloc(0))]);
    const c = cleanPhoto(png);
    expect(c.ok && c.removed).toEqual(['tEXt', 'eXIf']);
    expect(c.ok && c.bytes.includes(Buffer.from('Liuzhou'))).toBe(false);
  });

  it('refuses what is not a photo or cannot be walked to its end', () => {
    expect(cleanPhoto(Buffer.from('%PDF-1.4\n'))).toEqual({ ok: false, why: 'not_a_photo' });
    expect(cleanPhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00]), Buffer.alloc(10)]))).toEqual({ ok: false, why: 'unreadable' });
    expect(cleanPhoto(Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, Buffer.from([0xff, 0xd9])]))).toEqual({ ok: false, why: 'unreadable' });
    expect(cleanPhoto(jpegWithGps().subarray(0, 40)).ok).toBe(false);
  });
});
