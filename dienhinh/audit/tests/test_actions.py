"""Every audited action has a human name, in Vietnamese too, and no other action is logged."""

import pytest
from django.utils import translation

from dienhinh.audit.actions import AuditAction, action_label
from dienhinh.audit.services import audit_record


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_action_has_a_label_in_english_and_in_vietnamese(action):
    with translation.override("en"):
        english = str(action.label)
    with translation.override("vi"):
        vietnamese = str(action.label)
    assert english and english != action.value
    assert vietnamese != english, f"{action.value} has no Vietnamese label"


def test_an_action_that_is_not_listed_is_refused(db):
    with pytest.raises(ValueError):
        audit_record(actor=None, action="nomination.teleport")


def test_an_action_stored_before_it_was_renamed_still_shows_as_stored():
    assert action_label("something.retired") == "something.retired"
    with translation.override("vi"):
        assert action_label("nomination.submit") == str(AuditAction.NOMINATION_SUBMIT.label)
