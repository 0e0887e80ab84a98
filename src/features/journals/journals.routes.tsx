import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { hasAdultConsent, rememberAdultConsent } from '../../web/adult-consent.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { entryCommentsSection } from '../comments/comment-sections.tsx';
import { entryCommentCounts } from '../comments/comments.read.ts';
import { isSubscribed, subscribe } from './access.service.ts';
import { entryUrl, journalUrl } from './entry.views.tsx';
import { EntryFormPage, JournalSettingsPage } from './journal-forms.views.tsx';
import * as repo from './journals.repository.ts';
import { calendar, entriesDated, entryWithNeighbours, recentEntries } from './journals.read.ts';
import { entrySchema, journalSettingsSchema, pageSchema } from './journals.schema.ts';
import * as journals from './journals.service.ts';
import { CalendarPage, DatedPage, MONTHS } from './calendar.views.tsx';
import { entrySearchRoutes } from './entry-search.routes.tsx';
import { EntryPage, type JournalChrome, RecentPage, TagsPage } from './journals.views.tsx';
import { readingRoutes } from './reading.routes.tsx';

type NameParams = { Params: { name: string } };

const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Entry');
  return id;
};

/** Journal pages: Recent, an entry, tags, the calendar, posting and editing, settings, reading page. */
export function journalRoutes(app: FastifyInstance, ctx: AppContext) {
  const showAdult = hasAdultConsent;

  async function chrome(
    request: FastifyRequest,
    reply: FastifyReply,
    journal: repo.JournalRow,
  ): Promise<JournalChrome> {
    const right = await journals.postingRight(ctx, request.viewer, journal);
    return {
      page: pageContext(request, reply),
      journal,
      canPost: right.allowed,
      staff: right.staff,
      subscribed: await isSubscribed(ctx, request.viewer, journal.id),
      showAdult: showAdult(request),
    };
  }

  const pageOf = (request: FastifyRequest) => pageSchema.parse(request.query ?? {});

  entrySearchRoutes(app, ctx, chrome);
  readingRoutes(app, ctx);

  app.get<NameParams>('/journals/:name', async (request, reply) => {
    const journal = await journals.journalNamed(ctx, request.params.name);
    if (journal.display_name !== request.params.name && journal.kind === 'personal')
      return reply.redirect(journalUrl(journal), 301);
    const { page } = pageOf(request);
    const recent = await recentEntries(ctx, request.viewer, journal, page);
    const commentCounts = await entryCommentCounts(
      ctx,
      request.viewer,
      [...recent.sticky, ...recent.entries].map((e) => e.id),
    );
    return sendPage(
      reply,
      <RecentPage chrome={await chrome(request, reply, journal)} {...recent} commentCounts={commentCounts} />,
    );
  });

  app.get<{ Params: { name: string; id: string } }>('/journals/:name/entries/:id', async (request, reply) => {
    const { tag } = pageOf(request);
    const found = await entryWithNeighbours(ctx, request.viewer, idOf(request.params.id), tag);
    if (found.journal.display_name.toLowerCase() !== request.params.name.toLowerCase())
      return reply.redirect(entryUrl(found.journal, found.entry.id, found.tag), 301);
    rememberAdultConsent(request, reply, ctx.config.secureCookies);
    const entryChrome = await chrome(request, reply, found.journal);
    const comments = await entryCommentsSection(ctx, request, entryChrome.page, found.entry.id, {
      entry: found.entry,
      journal: found.journal,
    });
    return sendPage(
      reply,
      <EntryPage
        chrome={entryChrome}
        comments={comments}
        entry={found.entry}
        previous={found.previous}
        next={found.next}
        tag={found.tag}
        canEdit={request.viewer?.id === found.entry.poster_id}
      />,
    );
  });

  app.get<NameParams>('/journals/:name/tags', async (request, reply) => {
    const journal = await journals.journalNamed(ctx, request.params.name);
    const tags = await repo.tagCloud(ctx.db, request.viewer, journal.id);
    return sendPage(reply, <TagsPage chrome={await chrome(request, reply, journal)} tags={tags} />);
  });

  app.get<{ Params: { name: string; tag: string } }>('/journals/:name/tags/:tag', async (request, reply) => {
    const journal = await journals.journalNamed(ctx, request.params.name);
    const { page } = pageOf(request);
    const recent = await recentEntries(ctx, request.viewer, journal, page, request.params.tag);
    return sendPage(reply, <RecentPage chrome={await chrome(request, reply, journal)} {...recent} />);
  });

  app.get<{ Params: { name: string; year?: string } }>('/journals/:name/calendar', async (request, reply) => {
    const journal = await journals.journalNamed(ctx, request.params.name);
    const days = await calendar(ctx, request.viewer, journal);
    return sendPage(reply, <CalendarPage chrome={await chrome(request, reply, journal)} days={days} />);
  });

  app.get<{ Params: { name: string; year: string } }>(
    '/journals/:name/calendar/:year',
    async (request, reply) => {
      const year = Number(request.params.year);
      if (!/^\d{4}$/.test(request.params.year)) throw notFound();
      const journal = await journals.journalNamed(ctx, request.params.name);
      const days = await calendar(ctx, request.viewer, journal);
      return sendPage(
        reply,
        <CalendarPage chrome={await chrome(request, reply, journal)} days={days} year={year} />,
      );
    },
  );

  app.get<{ Params: { name: string; year: string; month: string; day?: string } }>(
    '/journals/:name/calendar/:year/:month/:day?',
    async (request, reply) => {
      const { year, month, day } = request.params;
      if (
        !/^\d{4}$/.test(year) ||
        !/^(0[1-9]|1[0-2])$/.test(month) ||
        (day && !/^(0[1-9]|[12]\d|3[01])$/.test(day))
      )
        throw notFound();
      const journal = await journals.journalNamed(ctx, request.params.name);
      const prefix = [year, month, day].filter(Boolean).join('-');
      const entries = await entriesDated(ctx, request.viewer, journal, prefix);
      const label = `${day ? `${Number(day)} ` : ''}${MONTHS[Number(month) - 1]} ${year}`;
      return sendPage(
        reply,
        <DatedPage chrome={await chrome(request, reply, journal)} label={label} entries={entries} />,
      );
    },
  );

  // Posting and editing -----------------------------------------------------------------------

  async function entryForm(
    request: FastifyRequest,
    reply: FastifyReply,
    journal: repo.JournalRow,
    values: Record<string, string>,
    options: { entryId?: number; errors?: Record<string, string>; status?: number } = {},
  ) {
    const viewer = requireViewer(request);
    const [filters, icons] = await Promise.all([
      repo.filterNames(ctx.db, journal.owner_id),
      repo.iconKeywords(ctx.db, viewer.id),
    ]);
    return sendPage(
      reply,
      <EntryFormPage
        page={pageContext(request, reply)}
        journal={journal}
        values={values}
        errors={options.errors}
        filters={filters}
        icons={icons}
        entryId={options.entryId}
      />,
      options.status ?? 200,
    );
  }

  app.get<NameParams>('/journals/:name/post', async (request, reply) => {
    requireViewer(request);
    const journal = await journals.journalNamed(ctx, request.params.name);
    if (!(await journals.canPostTo(ctx, request.viewer, journal))) throw notFound();
    return entryForm(request, reply, journal, {
      security: journal.default_security,
      comments: journal.default_comments,
      screening: journal.default_screening,
      commenters: journal.default_commenters,
      format: 'html',
    });
  });

  app.post<NameParams>('/journals/:name/post', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await journals.journalNamed(ctx, request.params.name);
    const outcome = await submitForm(entrySchema, request.body, () =>
      journals.postEntry(ctx, viewer, journal, request.body),
    );
    if (!outcome.ok) return entryForm(request, reply, journal, keptValues(request.body), outcome);
    const { status } = await ctx.db
      .selectFrom('entries')
      .select('status')
      .where('id', '=', outcome.result)
      .executeTakeFirstOrThrow();
    return reply
      .flash(
        status === 'pending' ? 'Entry submitted: it shows once a moderator approves it.' : 'Entry posted.',
      )
      .redirect(entryUrl(journal, outcome.result), 303);
  });

  app.get<{ Params: { id: string } }>('/entries/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const { entry, journal } = await journals.ownEntry(ctx, viewer, idOf(request.params.id));
    const [tags, filter, icon] = await Promise.all([
      repo.tagsOfEntries(ctx.db, [entry.id]),
      repo.filterName(ctx.db, entry.filter_id),
      repo.iconKeyword(ctx.db, entry.icon_id),
    ]);
    return entryForm(
      request,
      reply,
      journal,
      {
        subject: entry.subject,
        body: entry.body,
        format: 'html',
        tags: (tags.get(entry.id) ?? []).join(', '),
        security: filter ? `filter:${filter}` : entry.security,
        mood: entry.mood,
        music: entry.music,
        location: entry.location,
        icon: icon ?? '',
        postedAt: entry.posted_at,
        sticky: entry.sticky ? '1' : '',
        adult: entry.adult ? '1' : '',
        comments: entry.comments,
        screening: entry.screening,
        commenters: entry.commenters,
      },
      { entryId: entry.id },
    );
  });

  app.post<{ Params: { id: string } }>('/entries/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const id = idOf(request.params.id);
    const { journal } = await journals.ownEntry(ctx, viewer, id);
    const outcome = await submitForm(entrySchema, request.body, () =>
      journals.editEntry(ctx, viewer, id, request.body),
    );
    if (!outcome.ok)
      return entryForm(request, reply, journal, keptValues(request.body), { ...outcome, entryId: id });
    return reply.flash('Entry saved.').redirect(entryUrl(journal, id), 303);
  });

  app.post<{ Params: { id: string } }>('/entries/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await journals.deleteEntry(ctx, viewer, idOf(request.params.id));
    return reply.flash('Entry deleted.').redirect(journalUrl(journal), 303);
  });

  // Settings, subscriptions and the reading page -------------------------------------------------

  app.get('/account/journal', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await repo.ensurePersonalJournal(ctx.db, viewer);
    const values = {
      title: journal.title,
      subtitle: journal.subtitle,
      defaultSecurity: journal.default_security,
      defaultComments: journal.default_comments,
      defaultScreening: journal.default_screening,
      defaultCommenters: journal.default_commenters,
      theme: journal.theme,
    };
    return sendPage(
      reply,
      <JournalSettingsPage page={pageContext(request, reply)} journal={journal} values={values} />,
    );
  });

  app.post('/account/journal', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(journalSettingsSchema, request.body, () =>
      journals.updateJournalSettings(ctx, viewer, request.body),
    );
    if (!outcome.ok) {
      const journal = await repo.ensurePersonalJournal(ctx.db, viewer);
      return sendPage(
        reply,
        <JournalSettingsPage
          page={pageContext(request, reply)}
          journal={journal}
          values={keptValues(request.body)}
          errors={outcome.errors}
        />,
        outcome.status,
      );
    }
    return reply.flash('Journal settings saved.').redirect('/account/journal', 303);
  });

  app.post<NameParams>('/journals/:name/subscribe', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await journals.journalNamed(ctx, request.params.name);
    const on = (request.body as Record<string, string> | undefined)?.on !== '0';
    await subscribe(ctx, viewer, journal.id, on);
    return reply
      .flash(
        on
          ? `${journal.display_name} is on your reading page.`
          : `Unsubscribed from ${journal.display_name}.`,
      )
      .redirect(journalUrl(journal), 303);
  });
}
