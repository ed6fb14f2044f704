import { Type } from 'typebox';

/** RFC 9457 problem document, as every error of both services is answered. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'stable URI reference of the problem type: `/problems/<code>`' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'what went wrong with this request, for a human' }),
    code: Type.String({ description: 'the stable code the type ends with' }),
    instance: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
    value: Type.Optional(Type.String({ description: 'the offending value (time and zone errors)' })),
    timeZone: Type.Optional(Type.String()),
    validAlternatives: Type.Optional(
      Type.Array(Type.Unknown(), {
        description: 'for a nonexistent local time, the nearest valid wall times; for an ambiguous one, both readings',
      }),
    ),
    suggestions: Type.Optional(Type.Array(Type.String(), { description: 'real IANA zones for a refused zone' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() }), { description: 'each schema violation' }),
    ),
  },
  {
    $id: 'Problem',
    additionalProperties: true,
    examples: [
      {
        type: '/problems/nonexistent-local-time',
        title: 'Nonexistent local time',
        status: 422,
        detail: 'start: 2026-03-29T02:30 does not exist in Europe/Zurich (the clocks skip it); the nearest valid times are 2026-03-29T01:59 and 2026-03-29T03:00',
        code: 'nonexistent-local-time',
        field: 'start',
        value: '2026-03-29T02:30',
        timeZone: 'Europe/Zurich',
        validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'],
      },
    ],
  },
);
