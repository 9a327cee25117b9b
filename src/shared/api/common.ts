/**
 * TypeBox building blocks of the API's schemas (ids, dates, the error body). The schemas in `src/shared/api/` are the
 * routes' and, through `Static<…>` types imported with `import type`, the web's: the web bundles none of this.
 */
import { Type, type TSchema, type TUnsafe } from 'typebox';

/** A string enum from an `as const` list: `{ type: 'string', enum: [...] }`, typed as the union. */
export function StringEnum<const T extends readonly string[]>(values: T, opts: { description?: string } = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}

/** A positive integer id. */
export const Id = Type.Integer({ minimum: 1 });

/** `{ id }` route params. */
export const IdParams = Type.Object({ id: Id });

/** An ISO-8601 time with offset. */
export const DateTime = Type.String({ format: 'date-time' });

/** A calendar date `YYYY-MM-DD`. */
export const DateOnly = Type.String({ format: 'date' });

/** The error body of every 4xx/5xx. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});

/** Response map entries for the usual errors. */
export const errorResponses = {
  400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody,
  429: ErrorBody, 500: ErrorBody,
} as const;

/** A nullable schema. */
export function Nullable<T extends TSchema>(s: T) {
  return Type.Union([s, Type.Null()]);
}

/** The `Idempotency-Key` header of a create a client may retry (see modules/idempotency). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: '重试安全：同一 Key 24 小时内只登记一次' })),
});
