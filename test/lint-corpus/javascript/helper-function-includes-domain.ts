function isTrusted(origin: string): boolean {
  return origin.includes('example.com'); // expect: substring-match-bypass, insecure-scheme-trusted
}

export function withCors(req: any, res: any) {
  const origin = req.headers.origin as string;
  if (isTrusted(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
}
