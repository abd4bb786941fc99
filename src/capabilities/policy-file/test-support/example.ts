/** The format's reference example (README), with a nested override to exercise longest-prefix. */
export const EXAMPLE = `# yaml-language-server: $schema=https://unpkg.com/corsguard/schema/cors-policy.schema.json
version: 1
defaults:
  methods: [PUT, DELETE]
  requestHeaders: [Authorization, Content-Type]
  exposeHeaders: [X-Request-Id]
  maxAge: 600
environments:
  production:
    urls: [https://api.example.com/v1/me, https://api.example.com/public/status]
    origins: [https://app.example.com, 'https://*.example.com']
    credentials: true
    paths:
      - path: /public/
        origins: '*'
        credentials: false
      - path: /public/admin/
        methods: [PATCH]
  development:
    urls: [http://localhost:8080/v1/me]
    origins: ['http://localhost:*']
    credentials: true
`;
