// The invitation email: one per set-password token, rendered from templates/email/invitation.*
// and sent on the pooled SMTP transport. Nothing is sent for a token that was used, expired,
// or whose person was deactivated in the meantime.
import { UnrecoverableError, type Job } from 'bullmq';
import type { Transporter } from 'nodemailer';
import type { Context } from '../context.js';
import { loadInvitation } from '../people/invitations.js';
import type { Templates } from '../templates/index.js';
import type { InvitationJob } from './queues.js';

export function setPasswordUrl(publicUrl: string, token: string): string {
  const url = new URL('/set-password', publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

export function invitationSender(ctx: Context, templates: Templates, mailer: Transporter) {
  const host = new URL(ctx.config.publicUrl).hostname || 'heraldo';
  return async (job: Job<InvitationJob>): Promise<{ sent: boolean }> => {
    const { tokenId, token } = job.data;
    const found = await loadInvitation(ctx.prisma, tokenId, token);
    if (!found) {
      ctx.logger.info({ tokenId }, 'invitation not sent: token used, expired or person deactivated');
      return { sent: false };
    }
    const mail = templates.invitation({
      recipient: found.user,
      setPasswordUrl: setPasswordUrl(ctx.config.publicUrl, token),
      expiresAt: found.expiresAt,
      appUrl: new URL('/', ctx.config.publicUrl).toString(),
    });
    try {
      await mailer.sendMail({
        from: ctx.config.mailFrom,
        to: { name: found.user.name, address: found.user.email },
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        // One Message-ID per token: a repeated send (a worker dying after SMTP accepted it) is
        // recognisably the same message.
        messageId: `<invitation-${tokenId}@${host}>`,
        headers: { 'X-Heraldo-Invitation': tokenId },
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500) throw new UnrecoverableError(`SMTP refused: ${(err as Error).message}`);
      throw err;
    }
    ctx.logger.info({ tokenId }, 'invitation sent');
    return { sent: true };
  };
}
