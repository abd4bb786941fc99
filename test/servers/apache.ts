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

/** An Apache site: directives inside `<Location "/path">`, plus optional server-level directives. */
export interface ApacheConfig {
  readonly server?: string;
  readonly location: string;
}

const MODULE_DIR = '/usr/lib/apache2/modules';
const MODULES = ['mpm_event', 'authz_core', 'headers', 'setenvif', 'rewrite'];

function apacheConf(dir: string, port: number, sites: readonly Site<ApacheConfig>[], scheme: Scheme): string {
  const modules = [...MODULES, ...(scheme === 'https' ? ['ssl'] : [])]
    .map((m) => `LoadModule ${m}_module ${MODULE_DIR}/mod_${m}.so`)
    .join('\n');
  const tls =
    scheme === 'https'
      ? `SSLEngine on\nSSLCertificateFile ${TLS_CERT}\nSSLCertificateKeyFile ${TLS_KEY}`
      : '';
  // Root drops privileges to User/Group; an unprivileged user cannot, and Apache ignores them.
  const user = process.getuid?.() === 0 ? 'User nobody\nGroup nogroup' : '';
  const locations = sites
    .map((s) => `<Location "${s.path}">\n  ForceType application/json\n${s.config.location}\n</Location>`)
    .join('\n');
  return `ServerRoot ${dir}
ServerName api.victim.test
DefaultRuntimeDir ${dir}
PidFile ${join(dir, 'apache.pid')}
ErrorLog ${join(dir, 'error.log')}
LogLevel warn
Listen 127.0.0.1:${port}
${modules}
${user}
DocumentRoot ${join(dir, 'htdocs')}
<Directory "${join(dir, 'htdocs')}">
  Require all granted
</Directory>
${tls}
${sites.map((s) => s.config.server ?? '').join('\n')}
${locations}
`;
}

export const apache: ServerLauncher<ApacheConfig> = {
  missing() {
    return findBinary('apache2', 'httpd') === null
      ? 'apache2 is not installed (run .ci/install-servers.sh)'
      : null;
  },
  async start(sites, scheme): Promise<RunningServer> {
    const bin = findBinary('apache2', 'httpd') ?? 'apache2';
    const dir = await makeWorkDir('apache');
    await mkdir(join(dir, 'htdocs'));
    // Each site is a static JSON file; Apache's default handler answers GET and OPTIONS for it.
    await Promise.all(sites.map((s) => writeFile(join(dir, 'htdocs', s.path.slice(1)), '{"ok":true}\n')));
    const conf = join(dir, 'apache.conf');
    const errorLog = join(dir, 'error.log');
    const { port, stop } = await spawnServer('apache', dir, async (p) => {
      await writeFile(conf, apacheConf(dir, p, sites, scheme));
      return { command: bin, args: ['-X', '-d', dir, '-f', conf], logFile: errorLog };
    });
    return sharedServer(scheme, port, stop);
  },
};
