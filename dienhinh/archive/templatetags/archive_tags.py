"""Material shown on the pages of other domains (a unit's period, a compiler's list)."""

from django import template

from dienhinh.archive import selectors

register = template.Library()


@register.inclusion_tag("archive/includes/unit_period_material.html")
def unit_period_material(unit, period, can_enter):
    count = selectors.material_of(unit=unit, period=period).count()
    return {"unit": unit, "period": period, "can_enter": can_enter, "count": count}


@register.inclusion_tag("archive/includes/received_material.html")
def received_material(batch):
    return {"batch": batch}
