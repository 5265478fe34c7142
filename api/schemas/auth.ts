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

export const RecoverBody = Type.Object(
  {
    pseudonym: Type.String({ maxLength: 200 }),
    recoveryCode: Type.String({ maxLength: 200 }),
    newPassword: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type RecoverBody = Static<typeof RecoverBody>;

export const PasswordBody = Type.Object({ password: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });

export const RoleSchema = Type.Union([Type.Literal('member'), Type.Literal('moderator'), Type.Literal('admin')]);
export const PseudonymParams = Type.Object({ pseudonym: Type.String({ maxLength: 200 }) });
export const RoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export const UserResponse = Type.Object({ user: UserSchema });
