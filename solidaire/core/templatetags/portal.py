from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from solidaire.core.email.links import absolute_url
from solidaire.core.text import french
from solidaire.core.text.markdown import render_markdown
from solidaire.core.worklist import pending_work_for

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """Render staff-written Markdown; the output is sanitised, hence safe."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.simple_tag(takes_context=True)
def query_transform(context, **kwargs) -> str:
    """The current query string with some keys replaced: keeps filters across pagination."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def described_widget(field) -> str:
    """Render a bound field's widget with aria-describedby pointing at its help and its errors,
    so a screen reader reads the error with the field."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter(name="nombre")
def number_filter(value, decimals=None) -> str:
    """{{ value|nombre }} → « 1 234,5 »; {{ value|nombre:1 }} with one decimal."""
    return french.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter(name="ordinal_fr")
def ordinal_filter(value, gender="") -> str:
    """{{ 2|ordinal_fr }} → « 2e »; {{ 1|ordinal_fr:"f" }} → « 1re » (« la 1re position »)."""
    return french.format_ordinal(value, feminine=gender == "f")


@register.filter(name="date_fr")
def date_filter(value, style="") -> str:
    """{{ day|date_fr }} → « vendredi 12 mars 2027 »; {{ day|date_fr:"sans_jour" }} → « 12 mars 2027 »."""
    return french.format_date(value, weekday=style != "sans_jour")


@register.filter(name="heure_fr")
def time_filter(value) -> str:
    return french.format_time(value)


@register.simple_tag(name="periode")
def period_tag(start, end=None, all_day=False) -> str:
    """{% periode edition.starts_at edition.ends_at edition.all_day %}."""
    return french.format_period(start, end, all_day=bool(all_day))


@register.filter(name="anciennete")
def age_filter(value) -> str:
    """{{ oldest|anciennete }} → « depuis 3 jours »."""
    return french.format_age(value)


@register.simple_tag(name="travail_en_attente", takes_context=True)
def pending_work_tag(context) -> list:
    """{% travail_en_attente as lines %}: what waits for the signed-in user (the admin index uses it)."""
    request = context.get("request")
    return pending_work_for(request.user) if request is not None else []


@register.simple_tag(name="lien_absolu")
def absolute_link(viewname: str, *args) -> str:
    """{% lien_absolu "charter:moderation" %} → « https://lemans-solidaire.fr/charte/moderation/ »:
    the absolute link e-mails need, on the configured Site."""
    return absolute_url(reverse(viewname, args=args))


@register.filter(name="prep", needs_autoescape=True)
def preposition_filter(name, preposition="de", autoescape=True) -> str:
    """{{ association.name|prep:"de" }} → « d'Épicerie solidaire », « du Mans solidaire »;
    {{ edition.title|prep:"à" }} → « au Mans voyage le monde »; {{ name|prep:"le" }} →
    « l'Épicerie ». Writes the preposition itself: « Espace {{ association.name|prep:"de" }} »."""
    lead, rest = french.split_preposition(name, preposition)
    # Only the name is escaped: « d' » stays an apostrophe, in pages and plain-text e-mails alike.
    return mark_safe(lead + (conditional_escape(rest) if autoescape else rest))  # noqa: S308


@register.filter(name="avec_unite")
def unit_filter(label, unit) -> str:
    """{{ indicator.label|avec_unite:indicator.get_unit_display }} → « Repas servis (repas) »
    only when the label does not already say its unit."""
    return french.label_with_detail(label, unit)


@register.simple_tag(name="compte")
def count_tag(count, singular, plural="", feminine=False, sentence=False) -> str:
    """{% compte n "fiche validée" feminine=True %} → « aucune fiche validée », « 1 fiche validée »,
    « 25 fiches validées »; plural="…" when the default plural (every agreeing word takes an « s »)
    is wrong; sentence=True at the start of a sentence (« Aucune structure trouvée »)."""
    text = french.format_count(count, singular, plural or None, feminine=bool(feminine))
    return capfirst(text) if sentence else text
