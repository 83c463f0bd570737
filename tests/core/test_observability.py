"""Log lines carry the request id (from the proxy's X-Request-ID, else made here) and can be
written as JSON lines; the response names the id too."""

from __future__ import annotations

import io
import json
import logging

from django.http import HttpResponse
from django.test import RequestFactory

from solidaire.core.observability import JsonFormatter, RequestIdFilter, RequestIdMiddleware


def _capture():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("solidaire.test.observability")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger, stream, handler


def _view(logger):
    def view(request):
        logger.info("dans la requête")
        try:
            raise ValueError("boum")
        except ValueError:
            logger.exception("échec")
        return HttpResponse("ok")

    return view


def test_every_line_of_a_request_carries_its_id_as_json():
    logger, stream, handler = _capture()
    try:
        middleware = RequestIdMiddleware(_view(logger))
        response = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID="proxy-id-12345678"))
        logger.info("après la requête")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["message"] for line in lines] == ["dans la requête", "échec", "après la requête"]
    assert [line["request_id"] for line in lines] == ["proxy-id-12345678", "proxy-id-12345678", "-"]
    assert "ValueError: boum" in lines[1]["exception"]
    assert response["X-Request-ID"] == "proxy-id-12345678"


def test_a_request_without_a_sane_id_gets_a_new_one():
    logger, stream, handler = _capture()
    try:
        response = RequestIdMiddleware(_view(logger))(RequestFactory().get("/", HTTP_X_REQUEST_ID='bad"\nid'))
    finally:
        logger.removeHandler(handler)
    made = response["X-Request-ID"]
    assert len(made) == 32 and made.isalnum()
    assert json.loads(stream.getvalue().splitlines()[0])["request_id"] == made
