const ALLOWED = ['https://app.example.com', 'https://admin.example.com'];

function isAllowedOrigin(origin: string | undefined): boolean {
  return origin !== undefined && ALLOWED.includes(origin);
}

export function withCors(req: any, res: any) {
  const origin = req.headers.origin;
  if (isAllowedOrigin(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
}
