// OpenAPI registration of the integration routes, from the schemas the handlers parse with.
import { z } from 'zod';
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { AlertmanagerQuery, AlertmanagerWebhookBody } from './schema.js';

export const paths: OpenApiPaths = {
  '/api/integrations/alertmanager': {
    post: {
      tags: ['Integrations'],
      summary: 'Prometheus Alertmanager webhook (version 4)',
      description:
        'For an API key with `announcements:write`. One announcement per `groupKey` while it fires (repeats answer the same id and send nothing); ' +
        '`status: resolved` edits it ("Resolved: …"). Title from `commonAnnotations.summary`, else `commonLabels.alertname`; priority from ' +
        '`commonLabels.severity` (critical → urgent, warning → high). Without `departments`, everyone (the key must allow it).',
      security: [{ bearerAuth: [] }],
      requestParams: { query: AlertmanagerQuery },
      requestBody: json(AlertmanagerWebhookBody),
      responses: {
        202: ok('Accepted: the group\'s announcement (null for a "resolved" of a group never seen firing)', z.object({ announcementId: z.uuid().nullable() })),
        ...errors(400, 401, 403),
      },
    },
  },
};
