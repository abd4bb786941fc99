# settings/base.py written for django-cors-headers < 3.5 (old setting names)
CORS_ORIGIN_ALLOW_ALL = True  # expect: origin-reflected
CORS_ALLOW_CREDENTIALS = True
CORS_ORIGIN_WHITELIST = ()
