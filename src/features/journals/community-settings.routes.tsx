import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { sendPage } from '../../web/render.ts';
import { communityNamed } from './communities.service.ts';
import {
  communitySettingsSchema,
  requireMaintainerOf,
  settingsValues,
  updateCommunitySettings,
} from './community-settings.service.ts';
import { CommunitySettingsPage } from './community-settings.views.tsx';
import { journalUrl } from './entry.views.tsx';
import type { JournalRow } from './journals.repository.ts';
import type { JournalChrome } from './journals.views.tsx';

type Chrome = (request: FastifyRequest, reply: FastifyReply, journal: JournalRow) => Promise<JournalChrome>;
type NameParams = { Params: { name: string } };

/** `/journals/:name/settings`: a community's maintainers edit what making it set, and more. */
export function communitySettingsRoutes(app: FastifyInstance, ctx: AppContext, chrome: Chrome) {
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    journal: JournalRow,
    values: Record<string, string>,
    failed?: { errors: FieldErrors; status: number },
  ) =>
    sendPage(
      reply,
      <CommunitySettingsPage
        chrome={await chrome(request, reply, journal)}
        values={values}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );

  app.get<NameParams>('/journals/:name/settings', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await communityNamed(ctx, request.params.name);
    await requireMaintainerOf(ctx, viewer, journal);
    return form(request, reply, journal, settingsValues(journal));
  });

  app.post<NameParams>('/journals/:name/settings', async (request, reply) => {
    const viewer = requireViewer(request);
    const journal = await communityNamed(ctx, request.params.name);
    await requireMaintainerOf(ctx, viewer, journal);
    const outcome = await submitForm(communitySettingsSchema, request.body, () =>
      updateCommunitySettings(ctx, viewer, journal, request.body),
    );
    if (!outcome.ok) return form(request, reply, journal, keptValues(request.body), outcome);
    return reply.flash('Community settings saved.').redirect(`${journalUrl(journal)}/profile`, 303);
  });
}
