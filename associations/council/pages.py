"""The information page « Conseil des usagers » (written by staff, shown from the footer and the
home page) leads to the form that joins the council (imported by `load_feature_hooks`)."""

from __future__ import annotations

from solidaire.core.pages.actions import PageAction, register_page_action

COUNCIL_PAGE = "conseil-des-usagers"
JOIN_ACTION = PageAction(
    label="Rejoindre le conseil des usagers",
    url_name="associations:council_join",
    intro="Laissez vos coordonnées en ligne : le CCAS vous rappelle pour vous présenter le conseil.",
)

register_page_action(COUNCIL_PAGE, JOIN_ACTION)
