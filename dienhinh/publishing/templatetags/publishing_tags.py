"""Publishing on other domains' pages: the nomination page shows where the story has been
published, level by level, and lets those who run an outlet choose it."""

from django import template

from dienhinh.nominations.models import Channel

from .. import selectors

register = template.Library()


@register.filter
def channel_labels(values) -> str:
    labels = dict(Channel.choices)
    return ", ".join(str(labels.get(value, value)) for value in values or [])


@register.inclusion_tag("publishing/_nomination_publications.html", takes_context=True)
def publications_panel(context, nomination):
    """Where the nomination went (every level's media) and, for a user who runs the media
    of a unit the story has reached, the outlets to choose it for."""
    user = context["request"].user
    return {
        "nomination": nomination,
        "appearances": selectors.publications_of(nomination=nomination),
        "choices": selectors.choices_for(user=user, nomination=nomination),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }
