/** Web NFC (Chrome on Android): what the phone exposes when it can read a tag. */
interface NdefReading {
  serialNumber: string;
}
interface NdefReader {
  scan(opts?: { signal?: AbortSignal }): Promise<void>;
  addEventListener(type: 'reading', l: (e: NdefReading) => void): void;
  addEventListener(type: 'readingerror', l: () => void): void;
}
type NdefReaderCtor = new () => NdefReader;

function ctor(): NdefReaderCtor | null {
  return (window as unknown as { NDEFReader?: NdefReaderCtor }).NDEFReader ?? null;
}

/** Whether this browser reads NFC tags at all (elsewhere the NFC button is not offered). */
export function hasNfc(): boolean {
  return ctor() !== null;
}

/**
 * Reads one tag's UID (its serial number, `04:a2:1b:…`), which is what a checkpoint registers.
 * Resolves with the UID, or rejects when the member refuses NFC or the read is aborted.
 */
export async function readTagUid(signal: AbortSignal): Promise<string> {
  const Reader = ctor();
  if (!Reader) throw new Error('no Web NFC');
  const reader = new Reader();
  return new Promise<string>((resolve, reject) => {
    reader.addEventListener('reading', (e) => resolve(e.serialNumber));
    reader.addEventListener('readingerror', () => reject(new Error('unreadable tag')));
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    reader.scan({ signal }).catch(reject);
  });
}
