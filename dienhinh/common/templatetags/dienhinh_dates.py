"""The shared date formatters as template filters: `{{ d|vn_date }}`, `{{ t|vn_datetime }}`,
`{{ period.key|period_label }}`."""

from django import template

from dienhinh.common import dates

register = template.Library()
register.filter("vn_date", dates.vn_date)
register.filter("vn_datetime", dates.vn_datetime)
register.filter("period_label", dates.period_label)
