import zlib from 'node:zlib';

/**
 * A real, minimal PMTiles v3 archive for browser tests (spec: github.com/protomaps/PMTiles,
 * spec/v3): one raster tile at zoom 0, which the map overzooms everywhere, no compression, an
 * empty metadata object. Written here because the pmtiles package only reads.
 */
export function onePngArchive(rgb: [number, number, number]): { bytes: Buffer; tileOffset: number } {
  const tile = solidPng(256, rgb);
  const dir = Buffer.concat([varint(1), varint(0), varint(1), varint(tile.length), varint(1)]);
  const metadata = Buffer.from('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127); // root directory
  u64(16, dir.length);
  u64(24, 127 + dir.length); // metadata
  u64(32, metadata.length);
  u64(40, 127 + dir.length + metadata.length); // leaf directories: none
  u64(48, 0);
  u64(56, 127 + dir.length + metadata.length); // tile data
  u64(64, tile.length);
  u64(72, 1); // addressed tiles, tile entries, tile contents
  u64(80, 1);
  u64(88, 1);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(2, 99); // tile type: PNG
  header.writeUInt8(0, 100); // min zoom
  header.writeUInt8(0, 101); // max zoom
  header.writeInt32LE(-180e7, 102);
  header.writeInt32LE(-85e7, 106);
  header.writeInt32LE(180e7, 110);
  header.writeInt32LE(85e7, 114);
  header.writeUInt8(0, 118);
  return { bytes: Buffer.concat([header, dir, metadata, tile]), tileOffset: 127 + dir.length + metadata.length };
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
