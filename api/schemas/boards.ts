import { Type, type Static } from 'typebox';
import { NullableDateTime } from './common';

export const BoardSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  premoderated: Type.Boolean(),
  threadCount: Type.Integer(),
  lastActivityAt: NullableDateTime,
});
export type BoardDto = Static<typeof BoardSchema>;

export const BoardList = Type.Object({ items: Type.Array(BoardSchema) });

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 60 }) });

export const CreateBoardBody = Type.Object(
  {
    slug: Type.String({ maxLength: 60 }),
    name: Type.String({ maxLength: 200 }),
    description: Type.String({ maxLength: 2000 }),
    premoderated: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateBoardBody = Static<typeof CreateBoardBody>;

export const UpdateBoardBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    premoderated: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateBoardBody = Static<typeof UpdateBoardBody>;

export const ResourceSchema = Type.Object({ name: Type.String(), contact: Type.String(), url: Type.String() });
export const ResourceList = Type.Object({ items: Type.Array(ResourceSchema) });
