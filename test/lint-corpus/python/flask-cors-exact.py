from flask import Flask
from flask_cors import CORS, cross_origin

app = Flask(__name__)
CORS(app, origins=["https://app.example.com", "https://admin.example.com"], supports_credentials=True)


@app.route("/public")
@cross_origin(origins="*", send_wildcard=True)
def public():
    return {"ok": True}
