import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { isSubscribed } from './access.service.ts';
import * as communities from './communities.service.ts';
import { communitySchema } from './communities.service.ts';
import { CommunityProfilePage, MembersPage, QueuePage, SubmissionsPage } from './communities.views.tsx';
import { NewCommunityPage } from './community-forms.views.tsx';
import { communitySettingsRoutes } from './community-settings.routes.tsx';
import { journalUrl } from './entry.views.tsx';
import type { JournalRow } from './journals.repository.ts';
import { decorate } from './journals.read.ts';
import { postingRight } from './journals.service.ts';
import type { JournalChrome } from './journals.views.tsx';

type NameParams = { Params: { name: string } };
type MemberParams = { Params: { name: string; username: string } };

const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Entry');
  return id;
};

/** A refusal a form shows beside its fields (bad input) or at its top (a rule, such as the last maintainer). */
function refusal(error: unknown): { errors: FieldErrors; status: number } | undefined {
  if (error instanceof ValidationError) return { errors: error.fields, status: 422 };
  if (error instanceof QuireError && error.status === 409)
    return { errors: { form: error.message }, status: 409 };
  return undefined;
}

/**
 * Communities: making one, its profile and members (joining, requests, roles, posting rights),
 * the moderation queue and a poster's own waiting or rejected entries. Its journal pages (Recent,
 * entries, tags, posting) are the journal routes'.
 */
export function communityRoutes(app: FastifyInstance, ctx: AppContext) {
  async function chrome(
    request: FastifyRequest,
    reply: FastifyReply,
    journal: JournalRow,
  ): Promise<JournalChrome> {
    const [right, subscribed] = await Promise.all([
      postingRight(ctx, request.viewer, journal),
      isSubscribed(ctx, request.viewer, journal.id),
    ]);
    return {
      page: pageContext(request, reply),
      journal,
      canPost: right.allowed,
      staff: right.staff,
      subscribed,
      showAdult: Boolean(request.viewer?.viewAdult) || request.cookies.quire_adult === '1',
    };
  }

  communitySettingsRoutes(app, ctx, chrome);

  // Making a community ------------------------------------------------------------------------

  const newForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    failed?: { errors: FieldErrors; status: number },
  ) =>
    sendPage(
      reply,
      <NewCommunityPage page={pageContext(request, reply)} values={values} errors={failed?.errors} />,
      failed?.status ?? 200,
    );

  app.get('/communities/new', async (request, reply) => {
    requireViewer(request);
    return newForm(request, reply, { membership: 'open', posting: 'members' });
  });

  app.post('/communities/new', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(communitySchema, request.body, () =>
      communities.createCommunity(ctx, viewer, request.body),
    );
    if (!outcome.ok) return newForm(request, reply, keptValues(request.body), outcome);
    return reply
      .flash(`${outcome.result.display_name} is made; you are its maintainer.`)
      .redirect(`${journalUrl(outcome.result)}/profile`, 303);
  });

  // Profile and membership --------------------------------------------------------------------

  app.get<NameParams>('/journals/:name/profile', async (request, reply) => {
    const journal = await communities.communityNamed(ctx, request.params.name);
    const profile = await communities.communityProfile(ctx, request.viewer, journal);
    return sendPage(
      reply,
      <CommunityProfilePage chrome={await chrome(request, reply, journal)} {...profile} />,
    );
  });

  app.post<NameParams>('/journals/:name/join', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await communities.communityNamed(ctx, request.params.name);
    const outcome = await communities.joinCommunity(ctx, viewer, journal);
    const message = {
      joined: `You are now a member of ${journal.display_name}.`,
      requested: `You have asked to join ${journal.display_name}; a maintainer will answer.`,
      already: `You are already a member of ${journal.display_name}.`,
    }[outcome];
    return reply.flash(message).redirect(`${journalUrl(journal)}/profile`, 303);
  });

  app.post<NameParams>('/journals/:name/leave', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await communities.communityNamed(ctx, request.params.name);
    await communities.removeMember(ctx, viewer, journal, viewer.username);
    return reply
      .flash(`You have left ${journal.display_name}.`)
      .redirect(`${journalUrl(journal)}/profile`, 303);
  });

  async function membersPage(
    request: FastifyRequest,
    reply: FastifyReply,
    journal: JournalRow,
    failed?: { errors: FieldErrors; status: number },
  ) {
    const list = await communities.communityMembers(ctx, request.viewer, journal);
    return sendPage(
      reply,
      <MembersPage
        chrome={await chrome(request, reply, journal)}
        {...list}
        values={failed ? keptValues(request.body) : {}}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  /** Runs a maintainer's change; a refusal shows the members page again with the message. */
  async function memberChange(
    request: FastifyRequest<MemberParams> | FastifyRequest<NameParams>,
    reply: FastifyReply,
    change: (viewer: Viewer, journal: JournalRow) => Promise<string>,
  ) {
    const viewer = requireViewer(request);
    const journal = await communities.communityNamed(ctx, request.params.name);
    try {
      const message = await change(viewer, journal);
      return reply.flash(message).redirect(`${journalUrl(journal)}/members`, 303);
    } catch (error) {
      const failed = refusal(error);
      if (!failed) throw error;
      return membersPage(request, reply, journal, failed);
    }
  }

  app.get<NameParams>('/journals/:name/members', async (request, reply) =>
    membersPage(request, reply, await communities.communityNamed(ctx, request.params.name)),
  );

  app.post<NameParams>('/journals/:name/members', async (request, reply) =>
    memberChange(request, reply, async (viewer, journal) => {
      const username = await communities.addMember(ctx, viewer, journal, request.body);
      return `${username} is now a member.`;
    }),
  );

  app.post<MemberParams>('/journals/:name/members/:username', async (request, reply) =>
    memberChange(request, reply, async (viewer, journal) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const username = await communities.setMember(ctx, viewer, journal, request.params.username, {
        role: body.role,
        canPost: body.canPost,
      });
      return `${username}’s role and posting saved.`;
    }),
  );

  app.post<MemberParams>('/journals/:name/members/:username/approve', async (request, reply) =>
    memberChange(request, reply, async (viewer, journal) => {
      const username = await communities.answerRequest(ctx, viewer, journal, request.params.username, true);
      return `${username} is now a member.`;
    }),
  );

  app.post<MemberParams>('/journals/:name/members/:username/decline', async (request, reply) =>
    memberChange(request, reply, async (viewer, journal) => {
      const username = await communities.answerRequest(ctx, viewer, journal, request.params.username, false);
      return `${username}’s request was declined.`;
    }),
  );

  app.post<MemberParams>('/journals/:name/members/:username/remove', async (request, reply) =>
    memberChange(request, reply, async (viewer, journal) => {
      const username = await communities.removeMember(ctx, viewer, journal, request.params.username);
      return `${username} is no longer a member.`;
    }),
  );

  // Moderation --------------------------------------------------------------------------------

  async function queuePage(
    request: FastifyRequest,
    reply: FastifyReply,
    journal: JournalRow,
    failed?: { id: number; reason: string; error: string },
  ) {
    const viewer = requireViewer(request);
    const rows = await communities.moderationQueue(ctx, viewer, journal);
    return sendPage(
      reply,
      <QueuePage
        chrome={await chrome(request, reply, journal)}
        entries={await decorate(ctx, rows)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  app.get<NameParams>('/journals/:name/queue', async (request, reply) =>
    queuePage(request, reply, await communities.communityNamed(ctx, request.params.name)),
  );

  app.get<NameParams>('/journals/:name/submissions', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await communities.communityNamed(ctx, request.params.name);
    const rows = await communities.ownSubmissions(ctx, viewer, journal);
    const reasons = new Map(rows.map((r) => [r.id, r.status_reason]));
    const entries = (await decorate(ctx, rows)).map((e) => ({
      ...e,
      status_reason: reasons.get(e.id) ?? null,
    }));
    return sendPage(
      reply,
      <SubmissionsPage chrome={await chrome(request, reply, journal)} entries={entries} />,
    );
  });

  app.post<{ Params: { id: string } }>('/entries/:id/approve', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await communities.approveEntry(ctx, viewer, idOf(request.params.id));
    return reply.flash('Entry approved and published.').redirect(`${journalUrl(journal)}/queue`, 303);
  });

  app.post<{ Params: { id: string } }>('/entries/:id/reject', async (request, reply) => {
    const viewer = requireViewer(request);
    const id = idOf(request.params.id);
    try {
      const { journal } = await communities.rejectEntry(ctx, viewer, id, request.body);
      return reply
        .flash('Entry rejected; its poster sees your reason.')
        .redirect(`${journalUrl(journal)}/queue`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { journal } = await communities.entryForModeration(ctx, viewer, id);
      const reason = String((request.body as Record<string, unknown> | undefined)?.reason ?? '');
      return queuePage(request, reply, journal, { id, reason, error: error.message });
    }
  });
}
