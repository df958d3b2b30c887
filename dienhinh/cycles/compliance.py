"""Live compliance figures: what each expected unit sent in a period, and when.

`expected_refresh` recounts one unit's row from its nominations and nil report; the
nomination services call it inside the transaction of every change, so the figures are
always current and a dashboard reads one row per unit, never counting nominations.
"""

from django.db.models import Count, Min, Q
from django.utils import timezone

from .models import ExpectedUnit, Period, ReportState

# The statuses that count as sent (kept here so cycles does not import nominations' models
# at import time; the values are the nominations' Status values).
SENT = ("submitted", "confirmed", "accepted")
NOT_SENT = ("draft", "withdrawn")


def expected_refresh(*, unit_id: int, period: Period) -> None:
    from dienhinh.nominations.models import Batch, NilReport, Nomination

    row = ExpectedUnit.objects.filter(period=period, unit_id=unit_id).first()
    if row is None:
        return
    figures = Nomination.objects.filter(unit_id=unit_id, period=period).aggregate(
        sent=Count("pk", filter=Q(status__in=SENT)),
        accepted=Count("pk", filter=Q(status="accepted")),
        # When the unit first sent something, even if it was later returned for completion:
        # it reported then; a return does not make it "missing".
        first=Min("first_submitted_at", filter=~Q(status__in=NOT_SENT)),
    )
    nil = NilReport.objects.filter(unit_id=unit_id, period=period).first()
    # A compiler's unit reports to the level above by forwarding its list. Only the time
    # counts here: the nominations in the list are counted at the units that sent them, so
    # a roll-up over the subtree counts each nomination once.
    batches = Batch.objects.filter(unit_id=unit_id, to_period=period, status="forwarded")
    forwarded = batches.aggregate(first=Min("forwarded_at"), items=Count("items"))
    first_dates = [
        d for d in (figures["first"], nil.submitted_at if nil else None, forwarded["first"]) if d
    ]
    # The day in Việt Nam, not in UTC: a report sent at 06:30 on the 16th is late.
    first_sent_on = timezone.localdate(min(first_dates)) if first_dates else None
    if first_sent_on is None:
        state = ReportState.MISSING
    elif first_sent_on <= period.unit_deadline:
        state = ReportState.ON_TIME
    else:
        state = ReportState.LATE
    ExpectedUnit.objects.filter(pk=row.pk).update(
        sent=figures["sent"],
        accepted=figures["accepted"],
        nil=nil is not None,
        first_sent_on=first_sent_on,
        state=state,
        quota_met=max(figures["sent"], forwarded["items"]) >= period.programme.quota,
    )
