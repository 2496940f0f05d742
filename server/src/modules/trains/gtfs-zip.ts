import { unzipSync } from 'fflate';
import { said, type Said } from '../../platform/http/errors.js';

/** Uncompressed size a feed may have; a larger zip is refused before it is inflated (zip bombs). */
export const MAX_FEED_BYTES = 512 * 1024 * 1024;

/** A zip that is not a feed; the reason in both languages (the CLI prints the English). */
export class FeedArchiveError extends Error {
  constructor(readonly said: Said) {
    super(said.en);
  }
}

/** The .txt files of a GTFS zip by base name (feeds are often zipped with a top folder). */
export function filesFromZip(data: Uint8Array): Record<string, string> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter: (f) => {
        if (!/\.txt$/i.test(f.name) || f.name.includes('__MACOSX')) return false;
        total += f.originalSize;
        if (total > MAX_FEED_BYTES) throw new FeedArchiveError(said(`时刻表数据解压后超过 ${MAX_FEED_BYTES / 1024 / 1024} MB`, `the feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB uncompressed`));
        return true;
      },
    });
  } catch (e) {
    if (e instanceof FeedArchiveError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new FeedArchiveError(said(`不是可读取的 zip 文件（${why}）`, `not a readable zip file: ${why}`));
  }
  const decoder = new TextDecoder('utf-8');
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(entries)) out[name.split('/').pop()!.toLowerCase()] = decoder.decode(bytes);
  return out;
}
