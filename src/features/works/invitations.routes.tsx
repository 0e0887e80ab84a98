import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requireViewer } from '../../web/auth.ts';
import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PageContext, pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { answerInvitation, pendingInvitations } from './invitations.ts';

type Invitation = Awaited<ReturnType<typeof pendingInvitations>>[number];

function InvitationsPage({ page, invitations }: { page: PageContext; invitations: Invitation[] }) {
  return (
    <Layout page={page} title="Co-creator invitations">
      <h1>Co-creator invitations</h1>
      {invitations.length === 0 ? (
        <p>You have no invitations waiting.</p>
      ) : (
        <ul class="item-list">
          {invitations.map((inv) => (
            <li class="item" key={inv.id}>
              <div class="item__main">“{inv.title}”</div>
              <div class="item__actions">
                <Form
                  action={`/account/invitations/${inv.id}/accept`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  <button type="submit" class="button button--primary" aria-label={`Accept “${inv.title}”`}>
                    Accept
                  </button>
                </Form>
                <Form
                  action={`/account/invitations/${inv.id}/decline`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  <button type="submit" class="button" aria-label={`Decline “${inv.title}”`}>
                    Decline
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

type Params = { Params: { id: string } };

export function invitationRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/account/invitations', async (request, reply) => {
    const viewer = requireViewer(request);
    const invitations = await pendingInvitations(ctx, viewer);
    return sendPage(reply, <InvitationsPage page={pageContext(request, reply)} invitations={invitations} />);
  });
  for (const answer of ['accept', 'decline'] as const) {
    app.post<Params>(`/account/invitations/:id/${answer}`, async (request, reply) => {
      const viewer = requireViewer(request);
      const workId = Number(request.params.id);
      await answerInvitation(ctx, viewer, workId, answer === 'accept');
      if (answer === 'accept')
        return reply.flash('You are now a co-creator of this work.').redirect(`/works/${workId}`, 303);
      return reply.flash('Invitation declined.').redirect('/account/invitations', 303);
    });
  }
}
