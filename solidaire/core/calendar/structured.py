"""schema.org data as JSON-LD, safe inside <script type="application/ld+json"> (the events'
pages and the congress's editions describe themselves to search engines and agendas)."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

# The characters that could close the <script> element or open a comment, as JSON escapes.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """`data` as JSON for a <script type="application/ld+json"> element (as `json_script` does)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308
