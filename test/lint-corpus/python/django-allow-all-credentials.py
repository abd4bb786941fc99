# settings.py — the "django-cors-headers: just allow everything" answer, plus cookies for the SPA
INSTALLED_APPS = ["corsheaders", "django.contrib.admin"]
MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", "django.middleware.common.CommonMiddleware"]

CORS_ALLOW_ALL_ORIGINS = True  # expect: origin-reflected
CORS_ALLOW_CREDENTIALS = True
