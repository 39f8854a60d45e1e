"""The address a request came from, for login throttling (django-axes).

Behind the reverse proxy of the deployment (docker-compose.yml), REMOTE_ADDR is the proxy's
address for every user, so throttling "username and address" would be throttling the username
alone. With TRUSTED_PROXIES=n (the number of proxies in front of the app, each appending the
address it saw to X-Forwarded-For) the address is the one the outermost trusted proxy saw; what
a client writes into X-Forwarded-For itself lies further left and is ignored.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    n = getattr(settings, "TRUSTED_PROXIES", 0)
    if n <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    return hops[-n] if len(hops) >= n else remote
