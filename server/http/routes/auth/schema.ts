import { z } from 'zod';

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address').max(320),
  password: z.string().min(1, 'Enter your password').max(1000),
});
