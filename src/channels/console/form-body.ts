import { type TProperties, Type } from '@sinclair/typebox';

/**
 * The body of a console form: its own fields and the CSRF token, nothing else. A field the form
 * does not have (a `curp`, a `status`, a `channel`…) is a 400 before any work is done. The token is
 * optional here so that its absence is judged by the CSRF check (403), not as malformed input.
 */
export const formBody = <T extends TProperties>(fields: T) =>
  Type.Object(
    { ...fields, _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
    { additionalProperties: false },
  );
