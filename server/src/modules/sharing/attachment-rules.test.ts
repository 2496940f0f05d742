import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffAttachment } from './attachment-rules.js';

describe('attachment rules', () => {
  it('knows the allowed types by their content, not their name', () => {
    expect(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffAttachment(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffAttachment(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachment(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffAttachment(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffAttachment(Buffer.alloc(0))).toBeNull();
  });

  it('keeps only a plain file name', () => {
    expect(cleanFileName(encodeURIComponent('嫌疑人照片.jpg'))).toBe('嫌疑人照片.jpg');
    expect(cleanFileName('..%2F..%2Fetc%2Fpasswd')).toBe('passwd');
    expect(cleanFileName('%E0%A4%A')).toBeNull();
    expect(cleanFileName('..')).toBeNull();
    expect(cleanFileName(undefined)).toBeNull();
  });
});
