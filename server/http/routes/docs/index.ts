// GET /api/openapi.json (the document) and GET /api/docs (Swagger UI from swagger-ui-dist,
// served from node_modules: no CDN). The page has no inline script or style, so it runs
// under the app's Content Security Policy unchanged.
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import { openApiDocument } from '../../openapi/document.js';

const SWAGGER_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** Only what the page loads; not the package's demo page or source maps. */
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Heraldo API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to swagger.io for a badge.
// "Try it out" with the session cookie: writes carry the CSRF token, as the web client's do.
const INIT = `'use strict';
function heraldoCsrf() {
  var found = document.cookie.split('; ').filter(function (c) { return c.indexOf('heraldo_csrf=') === 0; })[0];
  return found ? decodeURIComponent(found.slice('heraldo_csrf='.length)) : null;
}
window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  requestInterceptor: function (req) {
    var csrf = heraldoCsrf();
    if (csrf && req.method && req.method.toUpperCase() !== 'GET') req.headers['X-CSRF-Token'] = csrf;
    return req;
  },
});
`;

export function docsRoutes(): Router {
  const router = Router();
  const assets = express.static(SWAGGER_DIR, { index: false, maxAge: '1d' });

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.type('text/javascript').send(INIT);
  });
  router.use('/api/docs', (req, res, next) => (ASSETS.has(req.path.slice(1)) ? assets(req, res, next) : next()));
  return router;
}
