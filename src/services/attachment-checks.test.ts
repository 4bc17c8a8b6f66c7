import { describe, expect, it } from 'vitest';
import {
  checkAttachment,
  checkAttachments,
  cleanFileName,
  maxAttachmentBytes,
  sniffContentType,
} from './attachment-checks.js';
import { tinyPng } from './reporting.fixtures.js';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const webp = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.alloc(24)]);
const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

describe('attachment types', () => {
  it('reads the type from the bytes', () => {
    expect(sniffContentType(tinyPng)).toBe('image/png');
    expect(sniffContentType(jpeg)).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffContentType(webp)).toBe('image/webp');
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('12:01 <sam> you again?\n'))).toBe(
      'text/plain; charset=utf-8',
    );
  });

  it('refuses executables, archives and bytes that are not UTF-8 text', () => {
    for (const bytes of [exe, zip, Buffer.from([0xc3, 0x28]), Buffer.from('text\0with nul')]) {
      expect(() => sniffContentType(bytes)).toThrowError(
        expect.objectContaining({ code: 'invalid_input' }) as Error,
      );
    }
  });

  it('accepts a screenshot under its own name', () => {
    expect(checkAttachment({ filename: 'screenshot.PNG', bytes: tinyPng })).toEqual({
      name: 'screenshot.PNG',
      contentType: 'image/png',
      bytes: tinyPng,
    });
    expect(checkAttachment({ filename: 'photo', bytes: jpeg }).contentType).toBe('image/jpeg');
  });

  it('refuses an HTML page renamed .png, and an executable renamed .png', () => {
    for (const bytes of [html, exe]) {
      expect(() => checkAttachment({ filename: 'screenshot.png', bytes })).toThrowError(
        expect.objectContaining({
          code: 'invalid_input',
          publicMessage: expect.stringContaining('PNG, JPEG, GIF, WebP') as string,
        }) as Error,
      );
    }
    expect(() => checkAttachment({ filename: 'page.html', bytes: html })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }) as Error,
    );
  });

  it('refuses an empty file and a file over 10 MiB', () => {
    expect(() => checkAttachment({ filename: 'a.txt', bytes: Buffer.alloc(0) })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }) as Error,
    );
    const big = Buffer.concat([tinyPng, Buffer.alloc(maxAttachmentBytes)]);
    expect(() => checkAttachment({ filename: 'big.png', bytes: big })).toThrowError(
      expect.objectContaining({ code: 'too_large' }) as Error,
    );
    const justFits = Buffer.alloc(maxAttachmentBytes, 0x61);
    expect(checkAttachment({ filename: 'log.txt', bytes: justFits }).bytes.length).toBe(
      maxAttachmentBytes,
    );
  });

  it('refuses more than five files at once', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `${i}.png`, bytes: tinyPng }));
    expect(() => checkAttachments(six)).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }) as Error,
    );
    expect(checkAttachments(six.slice(0, 5))).toHaveLength(5);
  });

  it('keeps a file name without folders, controls or direction overrides', () => {
    expect(cleanFileName('C:\\Users\\sam\\Desktop\\chat.txt')).toBe('chat.txt');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('evil\u202Egnp.txt')).toBe('evilgnp.txt');
    expect(cleanFileName('line\nbreak.png')).toBe('linebreak.png');
    expect(cleanFileName('  ')).toBe('attachment');
    expect(cleanFileName('..')).toBe('attachment');
    expect([...cleanFileName(`${'é'.repeat(300)}.txt`)]).toHaveLength(200);
  });
});
