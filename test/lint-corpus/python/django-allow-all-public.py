# settings.py of a public, cookie-less read-only API: `*` is fine (informational only)
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
