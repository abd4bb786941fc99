# a FastAPI dependency written instead of CORSMiddleware
from fastapi import FastAPI, Request, Response

app = FastAPI()
TRUSTED = "https://app.example.com https://admin.example.com"


@app.middleware("http")
async def cors(request: Request, call_next):
    response: Response = await call_next(request)
    origin = request.headers.get("origin")
    if origin and origin in TRUSTED:  # expect: substring-match-bypass
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin"
    return response
