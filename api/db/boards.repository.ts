import type { Kysely, Transaction } from 'kysely';
import type { Board, Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function listBoards(db: Db): Promise<Board[]> {
  return db.selectFrom('boards').selectAll().orderBy('position').orderBy('id').execute();
}

export async function findBoardBySlug(db: Db, slug: string): Promise<Board | undefined> {
  return db.selectFrom('boards').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export interface NewBoard {
  slug: string;
  name: string;
  description: string;
  premoderated: boolean;
  position?: number;
}

/** Inserts a board unless its slug exists; returns it, or undefined when it was taken. */
export async function insertBoard(db: Db, board: NewBoard): Promise<Board | undefined> {
  return db
    .insertInto('boards')
    .values(board)
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateBoard(
  db: Db,
  slug: string,
  changes: Partial<Pick<Board, 'name' | 'description' | 'premoderated'>>,
): Promise<Board | undefined> {
  if (Object.keys(changes).length === 0) return findBoardBySlug(db, slug);
  return db.updateTable('boards').set(changes).where('slug', '=', slug).returningAll().executeTakeFirst();
}

export async function countBoards(db: Db): Promise<number> {
  const row = await db.selectFrom('boards').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
