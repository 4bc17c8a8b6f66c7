import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * Helpers for the reporting route tests: fetch a form as a browser would (its CSRF token, its
 * submission id and the cookies that came with it) and send it back as multipart/form-data.
 */

export type Fields = readonly (readonly [name: string, value: string])[];

export interface FileToSend {
  readonly field: string;
  readonly filename: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** The value of a hidden input in a page, or '' when absent. */
export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1] ?? '';
}

/** `name=value; …` for a Cookie header, from every Set-Cookie of the given answers (later wins). */
export function cookiesFrom(...responses: readonly LightMyRequestResponse[]): string {
  const jar = new Map<string, string>();
  for (const response of responses) {
    for (const cookie of response.cookies as { name: string; value: string }[]) {
      if (cookie.value === '') jar.delete(cookie.name);
      else jar.set(cookie.name, cookie.value);
    }
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A multipart/form-data body as a browser builds it, with its Content-Type header. */
export async function multipart(
  fields: Fields,
  files: readonly FileToSend[] = [],
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  for (const file of files) {
    form.append(
      file.field,
      new Blob([Uint8Array.from(file.bytes)], { type: file.type }),
      file.filename,
    );
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  return {
    payload,
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

/** GET a page holding a form: its HTML, its CSRF token and submission id, and its cookies. */
export async function openForm(app: FastifyInstance, url: string, cookie = '') {
  const response = await app.inject({ url, headers: cookie === '' ? {} : { cookie } });
  return {
    response,
    html: response.body,
    csrf: hiddenValue(response.body, '_csrf'),
    submissionId: hiddenValue(response.body, 'submissionId'),
    cookie: [cookie, cookiesFrom(response)].filter((part) => part !== '').join('; '),
  };
}

/** POST a multipart form with the given cookies. */
export async function postMultipart(
  app: FastifyInstance,
  url: string,
  cookie: string,
  fields: Fields,
  files: readonly FileToSend[] = [],
): Promise<LightMyRequestResponse> {
  const body = await multipart(fields, files);
  return app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
}

/** The text of the page with the parts that differ between any two answers removed. */
export function withoutVariableParts(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');
}
