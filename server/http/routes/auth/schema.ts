import { z } from 'zod';

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address').max(320),
  password: z.string().min(1, 'Enter your password').max(1000),
});

/** POST /api/auth/password: the token from an invitation link, and the new password. */
export const SetPasswordBody = z.object({
  token: z.string().min(1, 'The link has no token').max(200, 'Not a token from an invitation link'),
  password: z.string().min(12, 'Use at least 12 characters').max(1000, 'Use at most 1000 characters'),
});
