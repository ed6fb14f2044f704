/**
 * Lists are paginated with an opaque cursor (DESIGN.md, HTTP conventions): the query and the `next`
 * field of a page, the cursor's encoding, and a page of a list. One way for every list of both services.
 */
import { Type } from 'typebox';
import { InvalidInputError } from '@meridian/domain';
import { Nullable } from './schemas.ts';

/**
 * The query of a paginated list: `cursor` is the previous page's `next`, opaque to clients (its
 * content may change between versions of the service; a client only hands it back).
 */
export const PageQuery = (item: string, limits: { readonly default: number; readonly maximum: number }) =>
  Type.Object({
    cursor: Type.Optional(Type.String({ maxLength: 500, description: 'the `next` of the previous page; leave it out for the first page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.maximum, default: limits.default, description: `${item} per page` })),
  });

/** The `next` field of a page. */
export const NextCursor = Nullable(Type.String({ description: 'cursor of the next page, null on the last' }));

/** A cursor that holds `position`: where the page it ends stopped. */
export const encodeCursor = (position: readonly (string | number)[]): string => Buffer.from(JSON.stringify(position)).toString('base64url');

/**
 * The position a cursor of this service holds, as `read` takes it from the decoded array
 * (undefined: not one of its shape); a cursor this service did not write is a 400.
 *
 * @example
 * decodeCursor(encodeCursor([7]), ([after]) => (Number.isInteger(after) ? (after as number) : undefined)) //=> 7
 */
export const decodeCursor = <Position>(cursor: string, read: (position: readonly unknown[]) => Position | undefined): Position => {
  let position: Position | undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded)) position = read(decoded);
  } catch {
    // not JSON: a cursor this service did not write
  }
  if (position === undefined) throw new InvalidInputError('cursor', 'is not a cursor this service wrote; start again without it');
  return position;
};

/** The position of a cursor that holds a count: the revision or the version its page ended at. */
export const countPosition = ([after]: readonly unknown[]): number | undefined =>
  typeof after === 'number' && Number.isSafeInteger(after) && after >= 0 ? after : undefined;

/** The position of a cursor that holds a key: the id its page ended at, in a list ordered by id. */
export const keyPosition = ([after]: readonly unknown[]): string | undefined => (typeof after === 'string' ? after : undefined);

/**
 * The first `limit` of `remaining` (the items of a list past the cursor, in list order) and the
 * cursor that ends them, or null when nothing is left after them.
 *
 * @example
 * firstPage([r1, r2, r3], 2, (release) => [release.version]) //=> { items: [r1, r2], next: encodeCursor([2]) }
 */
export const firstPage = <Item>(remaining: readonly Item[], limit: number, positionOf: (item: Item) => readonly (string | number)[]): { items: Item[]; next: string | null } => {
  const items = remaining.slice(0, limit);
  const last = items.at(-1);
  return { items, next: remaining.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
};
