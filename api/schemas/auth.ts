import { Type, type Static } from 'typebox';
import { DateTime } from './common';

export const UserSchema = Type.Object({
  pseudonym: Type.String(),
  role: Type.Union([Type.Literal('member'), Type.Literal('moderator'), Type.Literal('admin')]),
  createdAt: DateTime,
  suspendedUntil: Type.Optional(Type.Union([DateTime, Type.Null()])),
  suspensionReason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type UserDto = Static<typeof UserSchema>;

export const Credentials = Type.Object(
  { pseudonym: Type.String({ maxLength: 200 }), password: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);
export type Credentials = Static<typeof Credentials>;

export const SessionResponse = Type.Object({ user: UserSchema, csrfToken: Type.String() });
export const RegisterResponse = Type.Object({ user: UserSchema, csrfToken: Type.String(), recoveryCode: Type.String() });
