import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { countBoards, insertBoard, type NewBoard } from './boards.repository';

export const SEED_BOARDS: readonly NewBoard[] = [
  {
    slug: 'introductions',
    name: 'Introductions',
    description: 'New here? Say hello in whatever way feels right. There is no wrong way to arrive.',
    premoderated: false,
  },
  {
    slug: 'anxiety-and-stress',
    name: 'Anxiety and stress',
    description: 'For racing thoughts, tight chests and long nights. Share what helps, or just what is happening.',
    premoderated: false,
  },
  {
    slug: 'grief-and-loss',
    name: 'Grief and loss',
    description: 'A gentle place to remember the people and things we have lost, at whatever pace grief keeps.',
    premoderated: false,
  },
  {
    slug: 'recovery',
    name: 'Recovery',
    description: 'For every day in recovery, the good ones and the hard ones. Slips are part of the road; you are welcome here.',
    premoderated: false,
  },
  {
    slug: 'loneliness',
    name: 'Loneliness',
    description: 'When it feels like nobody is there, people here are. Come and sit with us a while.',
    premoderated: false,
  },
  {
    slug: 'just-need-to-vent',
    name: 'Just need to vent',
    description: 'Sometimes you do not want advice, just to be heard. Say it here; we will listen.',
    premoderated: false,
  },
];

/** First start only: an empty boards table gets the community's starting boards. */
export async function seedBoards(db: Kysely<Database>): Promise<number> {
  if ((await countBoards(db)) > 0) return 0;
  let added = 0;
  for (const [position, board] of SEED_BOARDS.entries()) {
    if (await insertBoard(db, { ...board, position })) added += 1;
  }
  return added;
}
