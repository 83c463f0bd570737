"""The web container's healthcheck (docker-compose.yml): GET /healthz on gunicorn directly.

Standard library only, so it runs in any container with Python. It sends the first of
ALLOWED_HOSTS as Host (Django refuses unknown hosts with 400) and X-Forwarded-Proto: https as
the proxy would (and /healthz is exempt from the SSL redirect anyway). Exit 0 when the portal,
its database and its broker answer; 1 otherwise, with the reason on stderr.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    if not url.startswith(("http://", "https://")):
        print(f"healthcheck: HEALTHCHECK_URL must be an http(s) URL, got {url!r}", file=sys.stderr)
        return 1
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (http(s) only, checked above)
            body = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        print(f"healthcheck: {url} answered {exc.code}: {exc.read()[:200]!r}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"healthcheck: {url} did not answer: {exc}", file=sys.stderr)
        return 1
    if body.get("status") != "ok":
        print(f"healthcheck: unhealthy: {body}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
