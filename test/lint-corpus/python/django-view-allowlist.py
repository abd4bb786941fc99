from django.http import JsonResponse
from django.utils.cache import patch_vary_headers

ALLOWED_ORIGINS = {"https://app.example.com", "https://admin.example.com"}


def profile(request):
    response = JsonResponse({"name": request.user.username})
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Credentials"] = "true"
    patch_vary_headers(response, ["Origin"])
    return response
