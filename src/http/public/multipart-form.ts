import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OmbudsError } from '../../domain/errors.js';
import {
  maxAttachmentBytes,
  maxAttachmentsPerSubmission,
  type UploadedFile,
} from '../../services/attachments.js';
import type { TypedValues } from '../../views/report-fields.js';
import { csrfField } from '../forms.js';

/**
 * Reading the reporter's multipart forms (the report, and additions on the follow-up page) in the
 * handler rather than before it, so that a file over a limit, or an expired CSRF token, comes back
 * as a message beside the form with every typed word kept, never as a bare error page.
 *
 * Files are held in memory only, never written to a temporary file: they are sealed before
 * anything touches the disk (SECURITY.md).
 */

/** At most this many text fields in one form (the report has about forty). */
const maxFields = 200;
/** Bytes of one text field: above the longest text a report field accepts, in 4-byte characters. */
const maxFieldBytes = 100 * 1024;
/**
 * The whole request: every file at its largest, every field at its largest, and room for the
 * multipart framing. Checked against Content-Length before a byte of the body is read.
 */
export const maxMultipartRequestBytes =
  maxAttachmentsPerSubmission * maxAttachmentBytes + 4 * maxFieldBytes + 256 * 1024;

/** What went wrong with the files, if anything; the text fields are complete either way. */
export type FileProblem = 'too_many_files' | 'file_too_large' | null;

export interface ReceivedForm {
  readonly values: TypedValues;
  readonly files: readonly UploadedFile[];
  readonly fileProblem: FileProblem;
}

/** Registers the multipart parser once (another module may have done it already). */
export async function registerMultipart(app: FastifyInstance): Promise<void> {
  if (app.hasContentTypeParser('multipart/form-data')) return;
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: maxAttachmentBytes,
      files: maxAttachmentsPerSubmission,
      fields: maxFields,
      fieldSize: maxFieldBytes,
      parts: maxFields + maxAttachmentsPerSubmission,
      headerPairs: 100,
    },
    throwFileSizeLimit: false,
  });
}

function add(values: Record<string, string[]>, name: string, value: string): void {
  // Field names come from a stranger: only own properties of a null-prototype record are used.
  (values[name] ??= []).push(value);
}

/**
 * Reads a form sent as multipart/form-data (or, from a client without files, urlencoded).
 * Throws OmbudsError too_large before reading anything when the declared size is over the cap,
 * and invalid_input when a multipart body has no declared size (only scripts send those).
 */
export async function readForm(request: FastifyRequest): Promise<ReceivedForm> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const [name, value] of Object.entries(body)) {
      for (const one of Array.isArray(value) ? value : [value]) {
        if (typeof one === 'string') add(values, name, one);
      }
    }
    return { values, files: [], fileProblem: null };
  }
  const declared = Number(request.headers['content-length']);
  if (!Number.isFinite(declared)) {
    throw new OmbudsError('invalid_input', 'The request was not valid.', {
      logMessage: 'multipart form without Content-Length refused',
    });
  }
  if (declared > maxMultipartRequestBytes) {
    throw new OmbudsError('too_large', 'What was sent is too large.', {
      logMessage: `multipart form of ${declared} bytes refused before reading`,
    });
  }

  const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const files: UploadedFile[] = [];
  let fileProblem: FileProblem = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') add(values, part.fieldname, part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      // A file input left empty still sends a part, with no name and no bytes.
      if (part.filename === '' && bytes.length === 0) continue;
      if (part.file.truncated) fileProblem = 'file_too_large';
      else files.push({ filename: part.filename, bytes });
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_FILES_LIMIT') fileProblem = 'too_many_files';
    else throw error;
  }
  return { values, files, fileProblem };
}

/**
 * Whether the form's `_csrf` value matches the CSRF secret cookie, checked by the same plugin and
 * token as every other form. The plugin answers a failure itself (403), which would throw the
 * reporter's text away; here its answer goes to a stand-in reply, so the caller can show the form
 * again instead. Used by routes that declare `config.csrf: false` and so must call this first.
 */
export function csrfTokenValid(
  app: FastifyInstance,
  request: FastifyRequest,
  values: TypedValues,
): boolean {
  // The plugin reads the token from request.body, which a handler-read multipart body never set.
  request.body = { [csrfField]: values[csrfField]?.[0] ?? '' };
  let valid = false;
  const refusal = { send: () => refusal } as unknown as FastifyReply;
  app.csrfProtection(request, refusal, () => {
    valid = true;
  });
  return valid;
}
