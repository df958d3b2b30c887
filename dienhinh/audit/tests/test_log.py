import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from dienhinh.audit.models import AuditEvent
from dienhinh.audit.services import audit_record, diff


def record(cast, **kwargs) -> AuditEvent:
    kwargs.setdefault("actor", cast.city_admin)
    kwargs.setdefault("action", "unit.update")
    kwargs.setdefault("obj", cast.ward)
    kwargs.setdefault("unit", cast.ward)
    return audit_record(**kwargs)


def stored(event: AuditEvent) -> tuple:
    return AuditEvent.objects.filter(pk=event.pk).values_list("action", "changes").get()


def test_an_event_records_who_did_what_to_which_object_in_which_unit(cast):
    event = record(cast, changes={"code": ["", "11311"]}, ip_address="10.0.0.7")
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor, event.actor_repr) == (cast.city_admin, "city.admin")
    assert event.action == "unit.update"
    assert (event.object_type, event.object_id) == ("units.unit", str(cast.ward.pk))
    assert event.object_repr == "Phường Hưng Đạo"
    assert event.unit == cast.ward
    assert event.changes == {"code": ["", "11311"]}
    assert event.ip_address == "10.0.0.7"
    assert event.created_at is not None


def test_an_event_without_a_signed_in_actor_is_recorded_as_the_system(cast):
    for actor in (None, AnonymousUser()):
        event = record(cast, actor=actor)
        assert (event.actor, event.actor_repr) == (None, "system")


def test_an_event_may_concern_no_object(cast):
    event = record(cast, obj=None, unit=None, action="access.denied")
    assert (event.object_type, event.object_id, event.object_repr) == ("", "", "")
    assert event.unit is None


def test_changes_are_stored_as_plain_json(cast):
    event = record(
        cast,
        changes={
            "parent": [cast.district, cast.other_district],
            "on": dt.date(2025, 7, 1),
            "names": ("a", "b"),
            "flags": {1: True, "none": None},
        },
    )
    _action, changes = stored(event)
    assert changes == {
        "parent": [
            {"id": cast.district.pk, "repr": cast.district.name},
            {"id": cast.other_district.pk, "repr": cast.other_district.name},
        ],
        "on": "2025-07-01",
        "names": ["a", "b"],
        "flags": {"1": True, "none": None},
    }


def test_a_diff_holds_old_and_new_values_of_the_changed_fields_only(cast):
    changes = diff(cast.ward, ["code", "kind", "emails"], {"code": "11311", "kind": "ward"})
    assert changes == {"code": ["", "11311"]}


def test_the_model_refuses_to_update_an_event(cast):
    event = record(cast)
    event.action = "unit.delete"
    with pytest.raises(PermissionError):
        event.save()
    assert stored(event)[0] == "unit.update"


def test_the_model_refuses_to_delete_an_event(cast):
    event = record(cast)
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_queryset_refuses_to_update_events(cast):
    event = record(cast)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="unit.delete")
    assert stored(event)[0] == "unit.update"


def test_the_queryset_refuses_to_delete_events(cast):
    event = record(cast)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_a_raw_update_of_an_event(cast):
    event = record(cast)
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    refused = pytest.raises(Exception, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = %s WHERE id = %s", ["x", event.pk])
    assert stored(event)[0] == "unit.update"


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the SQLite trigger refuses UPDATE only: the test database flush between browser "
    "tests deletes rows (see audit/migrations/0002_append_only_triggers.py)",
)
def test_the_database_refuses_a_raw_delete_of_an_event(cast):
    event = record(cast)
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    refused = pytest.raises(Exception, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()
