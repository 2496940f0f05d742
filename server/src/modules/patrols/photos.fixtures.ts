/** JPEG photos as phones write them, with GPS in their EXIF, for the cleaning tests and the API tests. */
/** An APP1 Exif segment with GPS latitude and an orientation, as a phone writes it (little-endian). */
function exifApp1(orientation: number): Buffer {
  const entries = [
    [0x0112, 3, 1, orientation],
    [0x8825, 4, 1, 38], // GPS IFD pointer
  ];
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, count, value], i) => {
    const o = 2 + i * 12;
    ifd.writeUInt16LE(tag!, o);
    ifd.writeUInt16LE(type!, o + 2);
    ifd.writeUInt32LE(count!, o + 4);
    if (type === 3) ifd.writeUInt16LE(value!, o + 8);
    else ifd.writeUInt32LE(value!, o + 8);
  });
  const gps = Buffer.from('GPSLatitude 24.367N GPSLongitude 109.5125E', 'latin1');
  const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), ifd, gps]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

export const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};
export const JFIF = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
export const SCAN = Buffer.concat([segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), Buffer.from([0x12, 0x34, 0x56, 0xff, 0xd9])]);

export function jpegWithGps(orientation = 6): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, exifApp1(orientation), segment(0xfe, Buffer.from('taken at 柳州 by 13800000000')), segment(0xdb, Buffer.alloc(65, 1)), SCAN]);
}
