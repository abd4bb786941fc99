import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  combineServers,
  findBinary,
  makeWorkDir,
  type RunningServer,
  type ServerLauncher,
  spawnServer,
} from './harness.js';

/** A Django site: python lines appended to a minimal settings module (the django-cors-headers settings). */
export interface DjangoConfig {
  readonly settings: string;
}

const BASE_SETTINGS = `SECRET_KEY = "corsguard-corpus"
DEBUG = False
ALLOWED_HOSTS = ["api.victim.test", "127.0.0.1", "localhost"]
ROOT_URLCONF = "corpus_urls"
INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]
USE_TZ = True
`;

const URLS = `from django.http import JsonResponse
from django.urls import re_path

def api(request):
    return JsonResponse({"ok": True})

urlpatterns = [re_path(r"", api)]
`;

let python: string | null | undefined;
/** A python3 that can import django and corsheaders (Debian's /usr/bin/python3 first: apt installs there). */
function findPython(): string | null {
  if (python !== undefined) return python;
  python = null;
  for (const candidate of ['/usr/bin/python3', findBinary('python3')]) {
    if (candidate === null) continue;
    const probe = spawnSync(candidate, ['-c', 'import django, corsheaders'], { stdio: 'ignore' });
    if (probe.status === 0) {
      python = candidate;
      break;
    }
  }
  return python;
}

/** django-cors-headers settings are process-wide, so each site is its own `runserver` process. */
export const django: ServerLauncher<DjangoConfig> = {
  missing() {
    return findPython() === null
      ? 'python3 with django and django-cors-headers is not installed (run .ci/install-servers.sh)'
      : null;
  },
  async start(sites, scheme): Promise<RunningServer> {
    if (scheme !== 'http') throw new Error('the Django corpus runs runserver, which serves http only');
    const py = findPython() ?? 'python3';
    const parts = await Promise.all(
      sites.map(async (site) => {
        const dir = await makeWorkDir('django');
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'corpus_settings.py'), `${BASE_SETTINGS}\n${site.config.settings}\n`);
        await writeFile(join(dir, 'corpus_urls.py'), URLS);
        const env = { ...process.env, PYTHONPATH: dir, DJANGO_SETTINGS_MODULE: 'corpus_settings' };
        const { port, stop } = await spawnServer('django', dir, async (p) => ({
          command: py,
          args: ['-m', 'django', 'runserver', '--noreload', `127.0.0.1:${p}`],
          env,
        }));
        return { path: site.path, port, stop };
      }),
    );
    return combineServers(scheme, parts);
  },
};
