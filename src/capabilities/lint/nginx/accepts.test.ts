import { describe, expect, it } from 'vitest';
import { isApacheConfig } from '../apache/accepts.js';
import { acceptsNginx } from './accepts.js';

describe('which files are nginx (and never Apache too)', () => {
  const cases: [string, string | undefined, boolean][] = [
    ['etc/nginx/nginx.conf', undefined, true],
    ['deploy/nginx/api.conf', 'location / { }', true],
    ['conf.d/api.conf', 'server {\n listen 80;\n}', true],
    ['snippets/cors.conf', "add_header 'Access-Control-Allow-Origin' '*' always;\n", true],
    ['etc/nginx/sites-available/default', 'server { listen 80; }', true],
    ['etc/apache2/sites-available/000-default.conf', '<VirtualHost *:80>\n</VirtualHost>\n', false],
    ['conf.d/cors.conf', 'Header set Access-Control-Allow-Origin "*"\n', false],
    ['public/.htaccess', 'Header set X y', false],
    ['tsconfig.json', '{}', false],
    ['notes.conf', 'key = value', false],
  ];
  for (const [path, text, nginx] of cases)
    it(`${path} → ${nginx ? 'nginx' : 'not nginx'}`, () => {
      expect(acceptsNginx(path, text)).toBe(nginx);
      if (nginx) expect(isApacheConfig(path, text)).toBe(false);
    });
});
