# main.py — the FastAPI CORS tutorial as written
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
origins = [
    "http://localhost.tiangolo.com",  # expect: insecure-scheme-trusted
    "https://localhost.tiangolo.com",
    "http://localhost",  # expect: localhost-trusted
    "http://localhost:8080",  # expect: localhost-trusted
]
app.add_middleware(
    CORSMiddleware,
    allow_origins=origins,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
