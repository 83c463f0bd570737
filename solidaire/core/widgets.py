"""Form widgets for pages that must render fast."""

from __future__ import annotations

import functools

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


class FlatSelect(forms.Select):
    """A <select> whose options are written in Python rather than through Django's widget
    templates, which include two templates per option (`select_option.html`, `attrs.html`):
    about 60 µs an option, so 5 ms for the directory's search form on every uncached page.

    Same markup and the same attributes from the bound field (id, aria-invalid,
    aria-describedby, required); the first option matching the value is selected, as with
    Django's Select. Grouped choices fall back to Django's rendering. The escaped options of a
    list of choices are remembered: a page then only marks the selected one.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple((option_value, label) for option_value, label in self.choices)
        if any(isinstance(label, list | tuple) for _, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        parts = [f'<select name="{escape(name)}"{_attributes(self.build_attrs(self.attrs, attrs))}>']
        found = False
        for option_value, opening, rest in _options(choices):
            is_selected = not found and option_value in selected
            found = found or is_selected
            parts += (opening, " selected" if is_selected else "", rest)
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped


@functools.lru_cache(maxsize=64)
def _options(choices: tuple) -> tuple[tuple[str, str, str], ...]:
    """(value, escaped start of the <option> tag, escaped rest) of each choice."""
    options = []
    for option_value, label in choices:
        option_value = "" if option_value is None else str(option_value)
        options.append(
            (
                option_value,
                f'\n  <option value="{escape(option_value)}"',
                f">{conditional_escape(label)}</option>",
            )
        )
    return tuple(options)


def _attributes(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: in order, True as a bare name, False left out.
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )
