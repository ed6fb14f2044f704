/** The parts of an OpenAPI 3.1 document these tests read. */
export interface MediaTypeObject {
  readonly schema?: Record<string, unknown>;
  readonly example?: unknown;
  readonly examples?: Record<string, unknown>;
}

export interface ResponseObject {
  readonly description?: string;
  readonly headers?: Record<string, { readonly schema?: Record<string, unknown>; readonly required?: boolean }>;
  readonly content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly description?: string;
}

export interface OperationObject {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly security?: readonly Record<string, readonly string[]>[];
  readonly parameters?: readonly ParameterObject[];
  readonly requestBody?: { readonly content?: Record<string, MediaTypeObject> };
  readonly responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly description?: string; readonly version: string };
  readonly paths: Record<string, Record<string, OperationObject>>;
  readonly webhooks?: Record<string, Record<string, OperationObject>>;
  readonly components?: { readonly schemas?: Record<string, Record<string, unknown>> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of the document's `paths`, as `GET /meetings/{meetingId}` with its object. */
export const operationsOf = (document: OpenApiDocument): { name: string; path: string; method: string; operation: OperationObject }[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, path, method, operation })),
  );

/** `application/problem+json; charset=utf-8` → `application/problem+json` */
export const mediaTypeOf = (contentType: string | null | undefined): string | null =>
  contentType === null || contentType === undefined || contentType.trim() === '' ? null : contentType.split(';')[0]!.trim().toLowerCase();

export const isJsonMediaType = (mediaType: string): boolean => mediaType === 'application/json' || mediaType.endsWith('+json');

export const PROBLEM_REF = '#/components/schemas/Problem';
