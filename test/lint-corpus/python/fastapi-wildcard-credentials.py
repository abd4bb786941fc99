# main.py — the FastAPI CORS tutorial with allow_origins=["*"] pasted in
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],  # expect: origin-reflected
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
