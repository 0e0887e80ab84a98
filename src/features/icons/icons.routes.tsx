import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, notFound, ValidationError } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { iconTextSchema } from './icons.service.ts';
import * as icons from './icons.service.ts';
import { IconEditPage, IconsPage } from './icons.views.tsx';

type IdParams = { Params: { id: string } };
const LIST = '/account/icons';

/** An icon id from the address, or not found (so a junk id never reaches the database). */
function iconId(raw: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw notFound('Icon');
  return Number(raw);
}

export function iconRoutes(app: FastifyInstance, ctx: AppContext) {
  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: number,
    form: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const list = await icons.listIcons(ctx, userId);
    return sendPage(
      reply,
      <IconsPage page={pageContext(request, reply)} icons={list} values={form.values} errors={form.errors} />,
      form.status,
    );
  };

  app.get(LIST, async (request, reply) => {
    const viewer = requireViewer(request);
    return listPage(request, reply, viewer.id);
  });

  // The upload is multipart, parsed in this scope at preValidation; app.ts checks its CSRF token
  // at preHandler, before the handler runs. A file over the limit is cut one byte past it (not
  // refused by the parser), so the service can say what is wrong and the form keeps what was typed.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: icons.MAX_UPLOAD_BYTES + 1, files: 1, fields: 8, parts: 10, fieldSize: 16 * 1024 },
    });
    scope.post(LIST, async (request, reply) => {
      const viewer = requireViewer(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        const icon = await icons.uploadIcon(ctx, viewer.id, {
          keyword: body.keyword,
          alt: body.alt,
          makeDefault: body.default,
          image: body.image instanceof Uint8Array ? body.image : null,
        });
        return reply.flash(`Icon “${icon.keyword}” uploaded.`).redirect(LIST, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return listPage(request, reply, viewer.id, {
          values: keptValues(body),
          errors: error.fields,
          status: 422,
        });
      }
    });
  });

  app.get<IdParams>('/account/icons/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const icon = await icons.ownIcon(ctx, viewer.id, iconId(request.params.id));
    return sendPage(reply, <IconEditPage page={pageContext(request, reply)} icon={icon} />);
  });

  app.post<IdParams>('/account/icons/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const id = iconId(request.params.id);
    const icon = await icons.ownIcon(ctx, viewer.id, id);
    const outcome = await submitForm(iconTextSchema, request.body, (data) =>
      icons.updateIcon(ctx, viewer.id, id, data),
    );
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <IconEditPage page={page} icon={icon} values={keptValues(request.body)} errors={outcome.errors} />,
        outcome.status,
      );
    }
    return reply.flash(`Icon “${outcome.result.keyword}” saved.`).redirect(LIST, 303);
  });

  app.post<IdParams>('/account/icons/:id/default', async (request, reply) => {
    const viewer = requireViewer(request);
    const icon = await icons.makeDefaultIcon(ctx, viewer.id, iconId(request.params.id));
    return reply.flash(`“${icon.keyword}” is now your default icon.`).redirect(LIST, 303);
  });

  app.post<IdParams>('/account/icons/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    const icon = await icons.deleteIcon(ctx, viewer.id, iconId(request.params.id));
    return reply.flash(`Icon “${icon.keyword}” deleted.`).redirect(LIST, 303);
  });

  // Public, like Dreamwidth's icons. The bytes behind an id never change (a new picture is a new
  // icon; ids are never reused on either database), so browsers and proxies may keep them forever.
  app.get<IdParams>('/icons/:id', async (request, reply) => {
    const image = await icons.iconImage(ctx, iconId(request.params.id));
    return reply
      .header('content-type', image.mime)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        `inline; filename="icon-${request.params.id}.${image.mime.split('/')[1]}"`,
      )
      .send(image.data);
  });
}
