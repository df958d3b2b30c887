"""Compiling and forwarding a list in these tests and the benchmark, through the services
the compile page uses."""

from dienhinh.nominations import batches


def draft_list(*, actor, period):
    """The period's list being compiled (opened if need be)."""
    return batches.batch_open(actor=actor, period=period)


def forward_list(*, actor, period, nominations, note: str = ""):
    """Put these nominations in the period's list and forward it."""
    draft = batches.batch_draft(period=period)
    return batches.batch_save(
        actor=actor,
        period=period,
        revision=draft.revision if draft else 0,
        nominations=nominations,
        note=note,
        forward=True,
    )
