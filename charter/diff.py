"""What changed between two versions of the charter, section by section, as accessible HTML.

Each part is flattened to its Markdown source (title, text, values, articles); paragraphs are
matched with difflib, and a changed paragraph is compared word by word. Additions are <ins>,
removals <del>, each announced to screen readers by a visually hidden label.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import CharterVersion

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
INS_LABEL = "Ajout : "
DEL_LABEL = "Suppression : "


@dataclass
class SectionDiff:
    title: str
    status: str  # "added", "removed", "changed", "unchanged"
    html: SafeString

    @property
    def status_label(self) -> str:
        return {
            "added": "Partie ajoutée",
            "removed": "Partie supprimée",
            "changed": "Partie modifiée",
            "unchanged": "Sans changement",
        }[self.status]

    @property
    def is_unchanged(self) -> bool:
        return self.status == "unchanged"


def version_parts(version: CharterVersion) -> dict[str, tuple[str, str]]:
    """{key: (title, text)} for the foreword and each section (prefetched content is used)."""
    parts: dict[str, tuple[str, str]] = {}
    if version.foreword.strip():
        author = " — ".join(filter(None, [version.foreword_author, *version.foreword_author_role_lines]))
        parts["foreword"] = (
            version.foreword_title or "Avant-propos",
            "\n\n".join(filter(None, [author, version.foreword])),
        )
    for section in version.sections.all():
        chunks = [section.body]
        chunks += [f"- {value.label}" for value in section.values.all()]
        for article in section.articles.all():
            chunks.append(f"Article {article.number} : {article.title}")
            chunks.append(article.body)
        chunks.append(section.closing)
        parts[f"section-{section.number}"] = (
            f"{section.number} – {section.title}",
            "\n\n".join(c for c in chunks if c.strip()),
        )
    return parts


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n(?=\s*[-*] )", text) if p.strip()]


def _mark(tag: str, text: str) -> str:
    label = INS_LABEL if tag == "ins" else DEL_LABEL
    return format_html('<{}><span class="visually-hidden">{}</span>{}</{}>', tag, label, text, tag)


def _words_diff(old: str, new: str) -> str:
    # Words, spaces and punctuation apart: « introduction. » vs « introduction revu. » marks
    # only « revu » as added.
    old_words, new_words = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(_mark("del", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            out.append(_mark("ins", "".join(new_words[b1:b2])))
    return "".join(out)


def _text_diff(old: str, new: str) -> tuple[bool, str]:
    old_p, new_p = _paragraphs(old), _paragraphs(new)
    html: list[str] = []
    changed = False
    matcher = difflib.SequenceMatcher(a=old_p, b=new_p, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            # Unchanged text: only the paragraphs next to a change, for context.
            same: list[str | None] = list(old_p[a1:a2])
            keep_first, keep_last = index > 0, index < len(opcodes) - 1
            if len(same) > int(keep_first) + int(keep_last):
                same = same[: int(keep_first)] + [None] + (same[-1:] if keep_last else [])
            html += [
                format_html('<p class="diff-same">{}</p>', p)
                if p is not None
                else mark_safe(
                    '<p class="diff-skip">[…]<span class="visually-hidden"> texte inchangé</span></p>'
                )
                for p in same
            ]
            continue
        changed = True
        if op == "replace" and a2 - a1 == b2 - b1:
            html += [
                mark_safe(f'<p class="diff-changed">{_words_diff(o, n)}</p>')  # noqa: S308
                for o, n in zip(old_p[a1:a2], new_p[b1:b2], strict=True)
            ]
            continue
        html += [
            mark_safe(f'<p class="diff-removed">{_mark("del", p)}</p>')  # noqa: S308
            for p in old_p[a1:a2]
        ]
        html += [
            mark_safe(f'<p class="diff-added">{_mark("ins", p)}</p>')  # noqa: S308
            for p in new_p[b1:b2]
        ]
    return changed, "".join(html)


def diff_versions(old: CharterVersion, new: CharterVersion) -> list[SectionDiff]:
    """Section-by-section comparison of two versions (all text escaped before marking up)."""
    old_parts, new_parts = version_parts(old), version_parts(new)
    keys = list(new_parts) + [key for key in old_parts if key not in new_parts]
    result = []
    for key in keys:
        old_title, old_text = old_parts.get(key, ("", ""))
        new_title, new_text = new_parts.get(key, ("", ""))
        if key not in old_parts:
            status = "added"
        elif key not in new_parts:
            status = "removed"
        else:
            status = "changed" if (old_title, old_text) != (new_title, new_text) else "unchanged"
        title = new_title or old_title
        _, body = _text_diff(old_text, new_text)
        if old_title and new_title and old_title != new_title:
            body = f'<p class="diff-changed">Titre : {_words_diff(old_title, new_title)}</p>' + body
        result.append(SectionDiff(title=title, status=status, html=mark_safe(body)))  # noqa: S308
    return result
