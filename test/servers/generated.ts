// Real servers running generateConfig() output as written: nginx (proxying to a Node upstream), Apache,
// Django + django-cors-headers, and Express/Fastify/Hono apps importing the generated module.

import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  createServer as createPlainServer,
  type RequestListener,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCors from '@fastify/cors';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import type { GenerateTarget } from '../../src/capabilities/generate/index.js';
import { NGINX_SERVER_PART, NGINX_UPSTREAM } from '../../src/capabilities/generate/index.js';
import { apache } from './apache.js';
import { django } from './django.js';
import {
  combineServers,
  findBinary,
  freePort,
  makeWorkDir,
  type RunningServer,
  type Scheme,
  spawnServer,
  TLS_CERT,
  TLS_KEY,
} from './harness.js';
import { nginx } from './nginx.js';

/** One generated configuration to serve, under a key (a case name or a drift name). */
export interface GeneratedSite {
  readonly key: string;
  readonly code: string;
}

/** Paths every generated server answers (the API's, the public prefix's, a nested prefix's). */
export const SITE_PATHS = ['/api/me', '/public/data', '/public/admin/x'];

const TMP = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp');

/** The scheme each target is served over (runserver is http only). */
export function schemeOf(target: GenerateTarget): Scheme {
  return target === 'django' ? 'http' : 'https';
}

/** Why a target cannot run here, or null (Next and corsguard run in-process, see the tests). */
export function missingBinaryOf(target: GenerateTarget): string | null {
  if (target === 'nginx') return nginx.missing();
  if (target === 'apache') return apache.missing();
  if (target === 'django') return django.missing();
  return null;
}

function upstream(): Promise<{ port: number; stop: () => Promise<void> }> {
  // The application behind nginx: answers every method, OPTIONS included, with a JSON body.
  const server = createPlainServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end('{"ok":true}\n');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        stop: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

async function startNginx(sites: readonly GeneratedSite[]): Promise<RunningServer> {
  const bin = findBinary('nginx', '/usr/sbin/nginx') ?? 'nginx';
  const app = await upstream();
  const dir = await makeWorkDir('nginx-generated');
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  const errorLog = join(dir, 'error.log');
  let ports: number[] = [];
  const { stop } = await spawnServer('nginx', dir, async (first) => {
    ports = [first];
    for (let i = 1; i < sites.length; i++) ports.push(await freePort());
    const blocks = sites.map((site, i) => {
      const [http, server] = site.code.replaceAll('$corsguard_', `$cg${i}_`).split(NGINX_SERVER_PART);
      return `${http}
  server {
    listen 127.0.0.1:${ports[i]} ssl;
    ssl_certificate ${TLS_CERT};
    ssl_certificate_key ${TLS_KEY};
    server_name api.victim.test;
${(server ?? '').replaceAll(NGINX_UPSTREAM, `http://127.0.0.1:${app.port}`)}
  }`;
    });
    await writeFile(
      conf,
      `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${errorLog} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'tmp', 'body')};
  proxy_temp_path ${join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'tmp', 'scgi')};
${blocks.join('\n')}
}
`,
    );
    return {
      command: bin,
      args: ['-p', dir, '-e', errorLog, '-c', conf, '-g', 'daemon off;'],
      logFile: errorLog,
      morePorts: ports.slice(1),
    };
  });
  return keyed(
    'https',
    sites,
    () => ports,
    async () => {
      await stop();
      await app.stop();
    },
  );
}

async function startApache(sites: readonly GeneratedSite[]): Promise<RunningServer> {
  const bin = findBinary('apache2', 'httpd') ?? 'apache2';
  const dir = await makeWorkDir('apache-generated');
  const htdocs = join(dir, 'htdocs');
  for (const path of SITE_PATHS) {
    await mkdir(join(htdocs, dirname(path)), { recursive: true });
    await writeFile(join(htdocs, path), '{"ok":true}\n');
  }
  const conf = join(dir, 'apache.conf');
  const errorLog = join(dir, 'error.log');
  // What the generated file says it needs, nothing more (no mod_rewrite).
  const modules = ['mpm_event', 'authz_core', 'headers', 'setenvif', 'alias', 'ssl']
    .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`)
    .join('\n');
  let ports: number[] = [];
  const { stop } = await spawnServer('apache', dir, async (first) => {
    ports = [first];
    for (let i = 1; i < sites.length; i++) ports.push(await freePort());
    const hosts = sites.map(
      (site, i) => `Listen 127.0.0.1:${ports[i]}
<VirtualHost 127.0.0.1:${ports[i]}>
ServerName api.victim.test
SSLEngine on
SSLCertificateFile ${TLS_CERT}
SSLCertificateKeyFile ${TLS_KEY}
${site.code}
</VirtualHost>`,
    );
    await writeFile(
      conf,
      `ServerRoot ${dir}
ServerName api.victim.test
DefaultRuntimeDir ${dir}
PidFile ${join(dir, 'apache.pid')}
ErrorLog ${errorLog}
LogLevel warn
${modules}
${process.getuid?.() === 0 ? 'User nobody\nGroup nogroup' : ''}
DocumentRoot ${htdocs}
# Hardened as the CIS benchmark recommends: no Options at all on the web root, under which a
# per-directory RewriteRule is forbidden (AH00670). The generated configuration must work here.
<Directory "${htdocs}">
  Options None
  Require all granted
</Directory>
${hosts.join('\n')}
`,
    );
    return {
      command: bin,
      args: ['-X', '-d', dir, '-f', conf],
      logFile: errorLog,
      morePorts: ports.slice(1),
    };
  });
  return keyed('https', sites, () => ports, stop);
}

function keyed(
  scheme: Scheme,
  sites: readonly GeneratedSite[],
  ports: () => number[],
  stop: () => Promise<void>,
): RunningServer {
  return {
    scheme,
    portOf(key) {
      const i = sites.findIndex((s) => s.key === key);
      const port = ports()[i];
      if (port === undefined) throw new Error(`no site ${key}`);
      return port;
    },
    stop,
  };
}

async function importGenerated(target: string, site: GeneratedSite): Promise<Record<string, unknown>> {
  await mkdir(TMP, { recursive: true });
  const file = join(TMP, `${target}-${site.key}-${process.pid}.ts`);
  await writeFile(file, site.code);
  return (await import(file)) as Record<string, unknown>;
}

async function nodeApp(target: GenerateTarget, site: GeneratedSite): Promise<RequestListener> {
  const mod = await importGenerated(target, site);
  if (target === 'express') {
    const app = express();
    app.use(mod.corsMiddleware as express.RequestHandler);
    app.use((_req, res) => {
      res.json({ ok: true });
    });
    return app;
  }
  if (target === 'fastify') {
    let listener: RequestListener | undefined;
    const app = Fastify({
      serverFactory: (handler) => {
        listener = handler;
        return createHttpServer(handler);
      },
    });
    await app.register(fastifyCors, mod.corsPluginOptions as never);
    app.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'],
      url: '/*',
      handler: async () => ({ ok: true }),
    });
    await app.ready();
    if (listener === undefined) throw new Error('fastify did not create its server');
    return listener;
  }
  const app = new Hono();
  app.use('*', mod.corsMiddleware as never);
  app.all('*', (c) => c.json({ ok: true }));
  return getRequestListener(app.fetch);
}

async function startNode(target: GenerateTarget, sites: readonly GeneratedSite[]): Promise<RunningServer> {
  const servers = await Promise.all(
    sites.map(async (site) => {
      const listener = await nodeApp(target, site);
      const server = createHttpsServer(
        { cert: readFileSync(TLS_CERT), key: readFileSync(TLS_KEY) },
        listener,
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        path: site.key,
        port,
        stop: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    }),
  );
  return combineServers('https', servers);
}

/** Starts one server (one process, or in-process listeners) of `target` serving every site. */
export function startGenerated(
  target: GenerateTarget,
  sites: readonly GeneratedSite[],
): Promise<RunningServer> {
  switch (target) {
    case 'nginx':
      return startNginx(sites);
    case 'apache':
      return startApache(sites);
    case 'django':
      return django.start(
        sites.map((s) => ({ path: s.key, config: { settings: s.code } })),
        'http',
      );
    case 'express':
    case 'fastify':
    case 'hono':
      return startNode(target, sites);
    default:
      throw new Error(`${target} is exercised in-process`);
  }
}
