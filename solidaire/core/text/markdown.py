"""Rich text written by staff: Markdown rendered, then sanitised (formatting yes, scripts never)."""

from __future__ import annotations

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "hr",
    "abbr",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

# What a volunteer reads under a formatted text box: the words, not the name of the syntax.
FORMATTING_HELP = (
    "Mise en forme simple : **gras**, *italique*, listes avec « - » en début de ligne, "
    "une ligne vide entre deux paragraphes."
)


def render_markdown(text: str) -> str:
    """Markdown to safe HTML: raw HTML in the source is escaped or stripped, links keep http(s)."""
    html = md.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
