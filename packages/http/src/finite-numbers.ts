/** A compiled validator as Fastify calls it: true or false, with the violations in `errors`. */
export interface Validator {
  (data: unknown): unknown;
  errors?: unknown[] | null;
}

/**
 * Wraps a validator of text coerced to numbers (a query string, path parameters) so that a number
 * too large for a double, `1e400`, is refused as the integer it is not. Ajv coerces it to Infinity
 * and then skips every number keyword (`integer`, `maximum`) on a value that is not finite, so
 * `?minRevision=1e400` would otherwise pass validation and reach the handler as Infinity.
 * A schema with no number in it is validated as it was, at no cost per request.
 */
export const refusingInfinity = <V extends Validator>(validate: V, schema: unknown): V => {
  if (!/"type":(\[[^\]]*)?"(integer|number)"/.test(JSON.stringify(schema) ?? '')) return validate;
  const checked: Validator = (data) => {
    const valid = validate(data);
    const pointer = valid === true ? nonFiniteAt(data) : undefined;
    checked.errors = pointer === undefined ? validate.errors : [{ instancePath: pointer, keyword: 'type', message: 'must be a finite number' }];
    return pointer === undefined ? valid : false;
  };
  // Typed as the validator it wraps: Fastify only calls it and reads `errors`.
  return checked as V;
};

const isInfinite = (value: unknown): boolean => typeof value === 'number' && !Number.isFinite(value);

// Text parts are flat: names to values, or to arrays of values (a repeated query parameter).
const nonFiniteAt = (data: unknown): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  for (const [name, value] of Object.entries(data)) {
    if (isInfinite(value)) return `/${name}`;
    const index = Array.isArray(value) ? value.findIndex(isInfinite) : -1;
    if (index >= 0) return `/${name}/${index}`;
  }
  return undefined;
};
