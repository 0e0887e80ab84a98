import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Pseud } from '../../db/schema.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { htmlOrText } from '../../lib/sanitize.ts';
import { movePseudContent, pseudRenamed } from '../works/pseud-works.ts';
import * as repo from './pseuds.repository.ts';
import type { PseudInput } from './pseuds.schema.ts';

type Ctx = Pick<AppContext, 'db'>;
export const MAX_PSEUDS = 50;

const TAKEN = { name: 'You already have a pseud with that name.' };

export function listPseuds(ctx: Ctx, userId: number): Promise<Pseud[]> {
  return repo.listPseudsOfUser(ctx.db, userId);
}

/** The pseud if it belongs to `userId`; 404 otherwise (never reveal others' pseud ids). */
export async function ownPseud(ctx: Ctx, userId: number, pseudId: number): Promise<Pseud> {
  const pseud = await repo.findPseudById(ctx.db, pseudId);
  if (!pseud || pseud.user_id !== userId) throw notFound('Pseud');
  return pseud;
}

export async function createPseud(ctx: Ctx, userId: number, input: PseudInput): Promise<Pseud> {
  const existing = await repo.listPseudsOfUser(ctx.db, userId);
  if (existing.length >= MAX_PSEUDS)
    throw new ValidationError({ name: `You can have at most ${MAX_PSEUDS} pseuds.` });
  if (existing.some((p) => p.name_key === input.name.toLowerCase())) throw new ValidationError(TAKEN);
  try {
    return await repo.insertPseud(ctx.db, {
      user_id: userId,
      name: input.name,
      description: htmlOrText(input.description),
      is_default: 0,
      created_at: nowIso(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError(TAKEN);
    throw error;
  }
}

export async function updatePseud(
  ctx: Ctx,
  userId: number,
  pseudId: number,
  input: PseudInput,
): Promise<void> {
  const pseud = await ownPseud(ctx, userId, pseudId);
  const clash = await repo.findPseudByName(ctx.db, userId, input.name);
  if (clash && clash.id !== pseud.id) throw new ValidationError(TAKEN);
  await inTransaction(ctx.db, async (trx) => {
    await repo.updatePseud(trx, pseud.id, { name: input.name, description: htmlOrText(input.description) });
    if (input.name !== pseud.name) await pseudRenamed(trx, pseud.id, nowIso());
  });
}

export async function makeDefaultPseud(ctx: Ctx, userId: number, pseudId: number): Promise<void> {
  const pseud = await ownPseud(ctx, userId, pseudId);
  await ctx.db.transaction().execute((trx) => repo.setDefaultPseud(trx, userId, pseud.id));
}

/** The default pseud cannot be deleted (choose another default first). */
export async function deletePseud(ctx: Ctx, userId: number, pseudId: number): Promise<void> {
  const pseud = await ownPseud(ctx, userId, pseudId);
  if (pseud.is_default) {
    throw new QuireError(
      'default_pseud',
      409,
      'You cannot delete your default pseud. Make another pseud the default first.',
    );
  }
  await inTransaction(ctx.db, async (trx) => {
    const fallback = await repo.findDefaultPseud(trx, userId);
    if (fallback) await movePseudContent(trx, pseud.id, fallback.id, nowIso());
    await repo.deletePseud(trx, pseud.id);
  });
}
