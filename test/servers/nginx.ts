import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  findBinary,
  makeWorkDir,
  type RunningServer,
  type Scheme,
  type ServerLauncher,
  type Site,
  sharedServer,
  spawnServer,
  TLS_CERT,
  TLS_KEY,
} from './harness.js';

/** An nginx site: the body of `location = /path { ... }`, plus optional `http {}`-level directives (`map`). */
export interface NginxConfig {
  readonly http?: string;
  readonly location: string;
}

function nginxConf(dir: string, port: number, sites: readonly Site<NginxConfig>[], scheme: Scheme): string {
  const listen =
    scheme === 'https'
      ? `listen 127.0.0.1:${port} ssl;\n    ssl_certificate ${TLS_CERT};\n    ssl_certificate_key ${TLS_KEY};`
      : `listen 127.0.0.1:${port};`;
  // Every location ends in a 200 JSON body, the way an API behind nginx answers; the snippet's own
  // `return` (e.g. a 204 preflight inside `if`) runs first.
  const locations = sites
    .map(
      (s) =>
        `    location = ${s.path} {\n${s.config.location}\n        default_type application/json;\n        return 200 '{"ok":true}\\n';\n    }`,
    )
    .join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'tmp', 'body')};
  proxy_temp_path ${join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'tmp', 'scgi')};
${sites.map((s) => s.config.http ?? '').join('\n')}
  server {
    ${listen}
    server_name api.victim.test;
${locations}
  }
}
`;
}

export const nginx: ServerLauncher<NginxConfig> = {
  missing() {
    return findBinary('nginx', '/usr/sbin/nginx') === null
      ? 'nginx is not installed (run .ci/install-servers.sh)'
      : null;
  },
  async start(sites, scheme): Promise<RunningServer> {
    const bin = findBinary('nginx', '/usr/sbin/nginx') ?? 'nginx';
    const dir = await makeWorkDir('nginx');
    await mkdir(join(dir, 'tmp'), { recursive: true });
    const conf = join(dir, 'nginx.conf');
    const errorLog = join(dir, 'error.log');
    const { port, stop } = await spawnServer('nginx', dir, async (p) => {
      await writeFile(conf, nginxConf(dir, p, sites, scheme));
      return {
        command: bin,
        args: ['-p', dir, '-e', errorLog, '-c', conf, '-g', 'daemon off;'],
        logFile: errorLog,
      };
    });
    return sharedServer(scheme, port, stop);
  },
};
