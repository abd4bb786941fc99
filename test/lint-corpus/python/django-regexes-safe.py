CORS_ALLOW_CREDENTIALS = True
CORS_ALLOWED_ORIGIN_REGEXES = [
    r"^https://(app|admin)\.example\.com$",
    r"^https://[a-z0-9-]+\.preview\.example\.net$",
]
