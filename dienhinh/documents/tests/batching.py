"""Compiling and forwarding a list in these tests and the benchmark, whichever shape the
nominations services have: the compile services were reshaped on main while documents was
being built (batch_of → batch_draft/batch_open/batch_save). Drop the older branch once
both are merged."""

from dienhinh.nominations import batches


def draft_list(*, actor, period):
    """The period's list being compiled (opened if need be)."""
    if hasattr(batches, "batch_open"):
        return batches.batch_open(actor=actor, period=period)
    return batches.batch_of(period=period)


def forward_list(*, actor, period, nominations, note: str = ""):
    """Put these nominations in the period's list and forward it."""
    if hasattr(batches, "batch_save"):
        draft = batches.batch_draft(period=period)
        return batches.batch_save(
            actor=actor,
            period=period,
            revision=draft.revision if draft else 0,
            nominations=nominations,
            note=note,
            forward=True,
        )
    batch = batches.batch_of(period=period)
    batch = batches.batch_set_items(
        actor=actor, batch=batch, revision=batch.revision, nominations=nominations
    )
    return batches.batch_forward(actor=actor, batch=batch, revision=batch.revision, note=note)
