import { z } from 'zod';

export const USERNAME_RULE =
  'Usernames are 3 to 40 characters: letters, numbers and underscores, starting and ending with a letter or number.';
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const RESERVED = new Set([
  'orphan_account',
  'anonymous',
  'guest',
  'quire',
  'system',
  'root',
  'support',
  'api',
]);

export const usernameSchema = z
  .string({ error: 'Please choose a username.' })
  .trim()
  .min(1, 'Please choose a username.')
  .max(40, 'Usernames can be at most 40 characters long.')
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9_]{1,38})[A-Za-z0-9]$/, USERNAME_RULE)
  .refine((name) => !RESERVED.has(name.toLowerCase()), 'That username is reserved. Please choose another.');

export const emailSchema = z
  .string({ error: 'Please enter your e-mail address.' })
  .trim()
  .min(1, 'Please enter your e-mail address.')
  .max(254, 'E-mail addresses can be at most 254 characters long.')
  .pipe(z.email('Please enter a valid e-mail address, such as name@example.org.'));

/** Length only here; the rest of the policy needs the username (password-policy.ts). */
export const passwordSchema = z
  .string({ error: 'Please choose a password.' })
  .min(PASSWORD_MIN, `Passwords must be at least ${PASSWORD_MIN} characters long.`)
  .max(PASSWORD_MAX, `Passwords can be at most ${PASSWORD_MAX} characters long.`);

const checkbox = z
  .string()
  .max(10)
  .optional()
  .transform((value) => value === '1' || value === 'on' || value === 'true');

const confirmed = <T extends { password: string; password_confirmation: string }>(
  data: T,
  ctx: z.RefinementCtx,
) => {
  if (data.password !== data.password_confirmation) {
    ctx.addIssue({
      code: 'custom',
      path: ['password_confirmation'],
      message: 'The two passwords do not match.',
    });
  }
};

export const signupSchema = z
  .object({
    username: usernameSchema,
    email: emailSchema,
    password: passwordSchema,
    password_confirmation: z.string().max(PASSWORD_MAX).default(''),
  })
  .superRefine(confirmed);
export type SignupInput = z.infer<typeof signupSchema>;

/** The API's sign-up for an account (admin-created) has no confirmation field. */
export const newAccountSchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type NewAccountInput = z.infer<typeof newAccountSchema>;

export const loginSchema = z.object({
  login: z
    .string({ error: 'Please enter your username or e-mail.' })
    .trim()
    .min(1, 'Please enter your username or e-mail.')
    .max(254),
  password: z
    .string({ error: 'Please enter your password.' })
    .min(1, 'Please enter your password.')
    .max(PASSWORD_MAX),
  remember_me: checkbox,
});

export const changePasswordSchema = z
  .object({
    current_password: z
      .string()
      .min(1, 'Please enter your current password.')
      .max(PASSWORD_MAX, 'Your current password is not correct.'),
    password: passwordSchema,
    password_confirmation: z.string().max(PASSWORD_MAX).default(''),
  })
  .superRefine(confirmed);

export const changeEmailSchema = z.object({
  email: emailSchema,
  current_password: z
    .string()
    .min(1, 'Please enter your current password.')
    .max(PASSWORD_MAX, 'Your current password is not correct.'),
});

export const forgotPasswordSchema = z.object({
  login: z.string().trim().min(1, 'Please enter your username or e-mail.').max(254),
});

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: passwordSchema,
    password_confirmation: z.string().max(PASSWORD_MAX).default(''),
  })
  .superRefine(confirmed);

export const deleteAccountSchema = z.object({
  current_password: z
    .string()
    .min(1, 'Please enter your password to confirm.')
    .max(PASSWORD_MAX, 'Your password is not correct.'),
  works: z.enum(['orphan', 'delete'], { error: 'Please choose what happens to your works.' }),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
