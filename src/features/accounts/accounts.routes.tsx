import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { clearSessionCookie, requireViewer, setSessionCookie } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { endSession, startSession } from '../sessions/sessions.service.ts';
import { listTokens } from '../tokens/tokens.service.ts';
import { AccountPage, type AccountPageProps } from './account-settings.views.tsx';
import {
  changeEmailSchema,
  changePasswordSchema,
  deleteAccountSchema,
  forgotPasswordSchema,
  loginSchema,
  resetPasswordSchema,
  signupSchema,
} from './accounts.schema.ts';
import * as accounts from './accounts.service.ts';
import { findUserById } from './accounts.repository.ts';
import {
  DeleteAccountPage,
  ForgotPasswordPage,
  LoginPage,
  ResetPasswordPage,
  SignupPage,
} from './accounts.views.tsx';

export interface RateLimit {
  max: number;
  timeWindow: string;
}

/** Only same-site paths: `/x`, never `//evil.example` or `/\evil.example`. */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;
}

export async function logIn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  remember: boolean,
) {
  if (request.sessionId) await endSession(ctx, request.sessionId);
  const session = await startSession(ctx, userId, { remember, userAgent: request.headers['user-agent'] });
  setSessionCookie(reply, ctx, session.token, session.maxAgeSeconds);
}

export function accountRoutes(app: FastifyInstance, ctx: AppContext, _api: ApiRegistry, limit: RateLimit) {
  const limited = { config: { rateLimit: limit } };

  app.get('/signup', async (request, reply) => {
    if (request.viewer) return reply.redirect('/');
    return sendPage(reply, <SignupPage page={pageContext(request, reply)} />);
  });

  app.post('/signup', limited, async (request, reply) => {
    const outcome = await submitForm(signupSchema, request.body, (data) => accounts.createAccount(ctx, data));
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <SignupPage page={page} values={keptValues(request.body)} errors={outcome.errors} />,
        outcome.status,
      );
    }
    await logIn(ctx, request, reply, outcome.result.id, false);
    return reply.flash(`Welcome to Quire, ${outcome.result.username}!`).redirect('/', 303);
  });

  app.get('/login', async (request, reply) => {
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).return_to);
    if (request.viewer) return reply.redirect(returnTo ?? '/');
    return sendPage(reply, <LoginPage page={pageContext(request, reply)} returnTo={returnTo} />);
  });

  app.post('/login', limited, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const returnTo = safeReturnTo(body?.return_to);
    const outcome = await submitForm(loginSchema, body, async (data) => {
      const user = await accounts.authenticate(ctx, data.login, data.password);
      await logIn(ctx, request, reply, user.id, data.remember_me);
      return user;
    });
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <LoginPage page={page} values={keptValues(body)} errors={outcome.errors} returnTo={returnTo} />,
        outcome.status,
      );
    }
    return reply.redirect(returnTo ?? '/', 303);
  });

  app.post('/logout', async (request, reply) => {
    if (request.sessionId) await endSession(ctx, request.sessionId);
    clearSessionCookie(reply);
    return reply.flash('You have logged out.').redirect('/', 303);
  });

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<AccountPageProps> = {},
    status = 200,
  ) => {
    const viewer = requireViewer(request);
    const user = await findUserById(ctx.db, viewer.id);
    const tokens = await listTokens(ctx, viewer.id);
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      <AccountPage
        page={page}
        email={user!.email}
        role={user!.role}
        viewAdult={user!.view_adult === 1}
        tokens={tokens}
        {...extra}
      />,
      status,
    );
  };
  app.decorate('accountPage', accountPage);

  app.get('/account', (request, reply) => accountPage(request, reply));

  app.post('/account/email', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(changeEmailSchema, request.body, (data) =>
      accounts.changeEmail(ctx, viewer.id, data),
    );
    if (!outcome.ok) {
      return accountPage(
        request,
        reply,
        { form: 'email', values: keptValues(request.body), errors: outcome.errors },
        outcome.status,
      );
    }
    return reply.flash('Your e-mail address has been changed.').redirect('/account', 303);
  });

  app.post('/account/password', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(changePasswordSchema, request.body, (data) =>
      accounts.changePassword(ctx, viewer.id, data, request.sessionId ?? undefined),
    );
    if (!outcome.ok) {
      return accountPage(request, reply, { form: 'password', errors: outcome.errors }, outcome.status);
    }
    return reply
      .flash('Your password has been changed. Other devices have been logged out.')
      .redirect('/account', 303);
  });

  app.post('/account/preferences', async (request, reply) => {
    const viewer = requireViewer(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    await accounts.setPreferences(ctx, viewer.id, { viewAdult: body.view_adult === '1' });
    return reply.flash('Your preferences have been saved.').redirect('/account', 303);
  });

  app.get('/password/forgot', async (request, reply) =>
    sendPage(reply, <ForgotPasswordPage page={pageContext(request, reply)} />),
  );

  app.post('/password/forgot', limited, async (request, reply) => {
    const outcome = await submitForm(forgotPasswordSchema, request.body, (data) =>
      accounts.requestPasswordReset(ctx, data.login, ctx.config.baseUrl),
    );
    ctx.wakeWorker();
    const page = pageContext(request, reply);
    if (!outcome.ok) {
      return sendPage(
        reply,
        <ForgotPasswordPage page={page} values={keptValues(request.body)} errors={outcome.errors} />,
        outcome.status,
      );
    }
    return sendPage(reply, <ForgotPasswordPage page={page} sent />);
  });

  app.get('/password/reset', async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    const valid = token !== '' && (await accounts.isResetTokenLive(ctx, token));
    return sendPage(
      reply,
      <ResetPasswordPage page={pageContext(request, reply)} token={token} valid={valid} />,
      valid ? 200 : 410,
    );
  });

  app.post('/password/reset', limited, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const token = String(body?.token ?? '');
    const outcome = await submitForm(resetPasswordSchema, body, (data) =>
      accounts.resetPassword(ctx, data.token, data.password),
    );
    if (!outcome.ok) {
      const valid = !outcome.errors.token && (await accounts.isResetTokenLive(ctx, token));
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <ResetPasswordPage page={page} token={token} valid={valid} errors={outcome.errors} />,
        outcome.status,
      );
    }
    await logIn(ctx, request, reply, outcome.result.id, false);
    return reply.flash('Your password has been changed and you are logged in.').redirect('/', 303);
  });

  app.get('/account/delete', async (request, reply) => {
    requireViewer(request);
    return sendPage(reply, <DeleteAccountPage page={pageContext(request, reply)} />);
  });

  app.post('/account/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(deleteAccountSchema, request.body, (data) =>
      accounts.deleteAccount(ctx, viewer.id, data),
    );
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <DeleteAccountPage page={page} values={keptValues(request.body)} errors={outcome.errors} />,
        outcome.status,
      );
    }
    clearSessionCookie(reply);
    return reply
      .flash('Your account has been deleted. Thank you for being part of Quire.')
      .redirect('/', 303);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Renders the account page (the token routes show their form errors on it). */
    accountPage(
      request: FastifyRequest,
      reply: FastifyReply,
      extra?: Partial<AccountPageProps>,
      status?: number,
    ): Promise<FastifyReply>;
  }
}
