import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';
import { isJsonMediaType, mediaTypeOf, type OpenApiDocument, type ResponseObject } from './openapi-document.ts';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

/** What kind of disagreement with the document a response showed. */
export type MismatchKind = 'status' | 'media-type' | 'body' | 'header';

export interface Mismatch {
  readonly kind: MismatchKind;
  readonly message: string;
}

/** One response checked against the document. */
export interface CheckedResponse {
  /** `GET /meetings/{meetingId}` — the document's path template */
  readonly operation: string;
  readonly status: number;
  readonly mediaType: string | null;
  readonly mismatches: readonly Mismatch[];
}

export interface ResponseValidator {
  /** Checks one response (status, content type, headers, body) against `paths[path][method]`. */
  check(operation: { method: string; path: string }, response: { status: number; headers: Headers; body: string }): CheckedResponse;
  /** Checks a payload against a schema at a JSON pointer of the document (e.g. a webhook body). */
  checkAt(pointer: readonly string[], value: unknown): string[];
  /** An openapi-fetch middleware that checks every response the client receives, before the caller sees it. */
  readonly middleware: Middleware;
  /** Every response checked so far, in order. */
  readonly checked: readonly CheckedResponse[];
}

const DOCUMENT_ID = 'https://meridian.test/openapi.json';

/** `['paths', '/meetings', 'post']` → `#/paths/~1meetings/post`, URI-encoded for Ajv. */
const pointer = (segments: readonly string[]): string =>
  `#/${segments.map((segment) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`;

/** The response object for a status: exact, then a range (`4XX`), then `default`. */
const responseFor = (responses: Record<string, ResponseObject>, status: number): [string, ResponseObject] | undefined => {
  for (const key of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default']) {
    const described = responses[key];
    if (described !== undefined) return [key, described];
  }
  return undefined;
};

/**
 * Validates responses against an OpenAPI 3.1 document with Ajv (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1) and ajv-formats, compiling the schema the document gives for each path, method,
 * status and media type; `$ref`s resolve inside the document itself.
 */
export const createResponseValidator = (document: OpenApiDocument): ResponseValidator => {
  // strict: false because OpenAPI adds annotations JSON Schema does not know (`example`, `xml`, …).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID }, undefined, undefined, false);
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (segments: readonly string[]): ValidateFunction => {
    const ref = `${DOCUMENT_ID}${pointer(segments)}`;
    let validate = compiled.get(ref);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    return validate;
  };
  const errorsOf = (validate: ValidateFunction): string[] =>
    (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);

  const checked: CheckedResponse[] = [];

  const check: ResponseValidator['check'] = ({ method, path }, response) => {
    const operation = `${method.toUpperCase()} ${path}`;
    const mediaType = mediaTypeOf(response.headers.get('content-type'));
    const mismatches: Mismatch[] = [];
    const record = () => {
      const result = { operation, status: response.status, mediaType, mismatches };
      checked.push(result);
      return result;
    };
    const described = document.paths[path]?.[method.toLowerCase()];
    if (described === undefined) {
      mismatches.push({ kind: 'status', message: `${operation} is not in the document` });
      return record();
    }
    const found = responseFor(described.responses, response.status);
    if (found === undefined) {
      mismatches.push({ kind: 'status', message: `${operation} answered ${response.status}; the document lists ${Object.keys(described.responses).join(', ')}` });
      return record();
    }
    const [statusKey, responseObject] = found;

    // headers the document describes must match their schema when present
    for (const [name, header] of Object.entries(responseObject.headers ?? {})) {
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required === true) mismatches.push({ kind: 'header', message: `${operation} ${response.status}: required header ${name} missing` });
        continue;
      }
      if (header.schema === undefined) continue;
      const validate = validatorAt(['paths', path, method.toLowerCase(), 'responses', statusKey, 'headers', name, 'schema']);
      if (!validate(value)) mismatches.push({ kind: 'header', message: `${operation} ${response.status}: header ${name}: ${errorsOf(validate).join('; ')}` });
    }

    const content = responseObject.content ?? {};
    const documentedTypes = Object.keys(content);
    if (documentedTypes.length === 0) {
      if (response.body !== '') mismatches.push({ kind: 'body', message: `${operation} ${response.status}: the document describes no body, got ${response.body.length} characters` });
      return record();
    }
    if (mediaType === null) {
      mismatches.push({ kind: 'media-type', message: `${operation} ${response.status}: no Content-Type; the document gives ${documentedTypes.join(', ')}` });
      return record();
    }
    let schemaType = documentedTypes.find((documented) => documented.toLowerCase() === mediaType);
    if (schemaType === undefined) {
      mismatches.push({ kind: 'media-type', message: `${operation} ${response.status}: answered ${mediaType}; the document gives ${documentedTypes.join(', ')}` });
      // Still hold the body to the one schema the document gives, so that no body escapes validation.
      if (documentedTypes.length !== 1) return record();
      schemaType = documentedTypes[0]!;
    }
    if (content[schemaType]?.schema === undefined) return record();
    let body: unknown = response.body;
    if (isJsonMediaType(mediaType) || isJsonMediaType(schemaType)) {
      try {
        body = JSON.parse(response.body);
      } catch {
        mismatches.push({ kind: 'body', message: `${operation} ${response.status}: body is not JSON: ${response.body.slice(0, 80)}` });
        return record();
      }
    }
    const validate = validatorAt(['paths', path, method.toLowerCase(), 'responses', statusKey, 'content', schemaType, 'schema']);
    if (!validate(body)) mismatches.push({ kind: 'body', message: `${operation} ${response.status}: ${errorsOf(validate).join('; ')}` });
    return record();
  };

  const checkAt: ResponseValidator['checkAt'] = (segments, value) => {
    const validate = validatorAt(segments);
    return validate(value) ? [] : errorsOf(validate);
  };

  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      // a clone: the client still reads the original body after this
      check({ method: request.method, path: schemaPath }, { status: response.status, headers: response.headers, body: await response.clone().text() });
      return response;
    },
  };

  return { check, checkAt, middleware, checked };
};
