from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

middleware = [
    Middleware(
        CORSMiddleware,
        allow_origins=["https://app.example.com"],
        allow_origin_regex=r"https://[a-z0-9-]+\.preview\.example\.com",
        allow_credentials=True,
    )
]
app = Starlette(routes=[], middleware=middleware)
