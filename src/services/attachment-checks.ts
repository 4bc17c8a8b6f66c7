import { OmbudsError } from '../domain/errors.js';

/**
 * What a reporter may attach: screenshots and photos, PDFs, plain text (logs, pasted chats). The
 * type is read from the bytes, never from the upload's Content-Type, and a name whose extension
 * says another type is refused, so nothing is stored under a name that would make a browser or a
 * desktop treat it as something else (an HTML page named `.png`).
 */

/** One uploaded file as the HTTP layer hands it over, held in memory only. */
export interface UploadedFile {
  readonly filename: string;
  readonly bytes: Buffer;
}

/** 10 MiB per file. */
export const maxAttachmentBytes = 10 * 1024 * 1024;
/** 5 files with one report or one addition. */
export const maxAttachmentsPerSubmission = 5;
/** 50 MiB for all files of one case. */
export const maxAttachmentBytesPerCase = 50 * 1024 * 1024;

export const acceptedContentTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain; charset=utf-8',
] as const;

export type AcceptedContentType = (typeof acceptedContentTypes)[number];

const extensions: Record<AcceptedContentType, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain; charset=utf-8': ['txt', 'text', 'log', 'md', 'csv', 'json'],
};

const notAccepted =
  'We accept screenshots and photos (PNG, JPEG, GIF, WebP), PDF documents and plain text files. One of the files is of another kind, or its content does not match its name.';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The content type of a file, read from its first bytes. Throws OmbudsError('invalid_input') with
 * a message for the reporter when it is none of the accepted kinds.
 */
export function sniffContentType(bytes: Uint8Array): AcceptedContentType {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (isPlainText(bytes)) return 'text/plain; charset=utf-8';
  throw new OmbudsError('invalid_input', notAccepted, {
    logMessage: 'an attachment of an unaccepted type was refused',
  });
}

// Bidi controls and other invisible or control characters would let a name pose as another.
const unsafeInName = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * The name kept for a file: without any folder part, control or direction characters, at most
 * 200 characters; "attachment" when nothing is left.
 */
export function cleanFileName(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? '';
  const cleaned = base.toWellFormed().normalize('NFC').replace(unsafeInName, '').trim();
  const bounded = [...cleaned].slice(0, 200).join('').trim();
  return bounded === '' || bounded === '.' || bounded === '..' ? 'attachment' : bounded;
}

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? null : name.slice(dot + 1).toLowerCase();
}

/** A file that passed the checks, ready to be sealed. */
export interface CheckedFile {
  readonly name: string;
  readonly contentType: AcceptedContentType;
  readonly bytes: Buffer;
}

/**
 * Checks one file: not empty, within the size limit, an accepted type whose name agrees with it.
 * Throws OmbudsError('too_large' | 'invalid_input') with a message for the reporter.
 */
export function checkAttachment(file: UploadedFile): CheckedFile {
  if (file.bytes.length === 0) {
    throw new OmbudsError('invalid_input', 'One of the files is empty.', {
      logMessage: 'an empty attachment was refused',
    });
  }
  if (file.bytes.length > maxAttachmentBytes) {
    throw new OmbudsError('too_large', 'A file can be at most 10 MB.', {
      logMessage: `an attachment of ${file.bytes.length} bytes was refused`,
    });
  }
  const contentType = sniffContentType(file.bytes);
  const name = cleanFileName(file.filename);
  const extension = extensionOf(name);
  if (extension !== null && !extensions[contentType].includes(extension)) {
    throw new OmbudsError('invalid_input', notAccepted, {
      logMessage: `an attachment whose name does not match its content (${contentType}) was refused`,
    });
  }
  return { name, contentType, bytes: file.bytes };
}

/** Checks the files sent together; throws as checkAttachment, or for more than 5 files. */
export function checkAttachments(files: readonly UploadedFile[]): CheckedFile[] {
  if (files.length > maxAttachmentsPerSubmission) {
    throw new OmbudsError('invalid_input', 'Attach at most 5 files at a time.', {
      logMessage: `${files.length} attachments refused`,
    });
  }
  return files.map(checkAttachment);
}
