import datetime as dt
from pathlib import Path

import pytest

from dienhinh.dispatches import services

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CITY_TEXT = (SAMPLES / "city-785-BTDKT-THHC.txt").read_bytes()
DISTRICT_TEXT = (SAMPLES / "district-UBND-NV-duong-kinh.txt").read_bytes()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def register(
    actor, unit, data: bytes, *, direction="outgoing", number="", date=None, name="cv.txt"
):
    draft = services.dispatch_upload(
        actor=actor, unit=unit, direction=direction, data=data, filename=name
    )
    fields = services.fields_from_parsed(draft.parsed)
    fields.number = number
    fields.document_date = date
    return services.dispatch_register(actor=actor, dispatch=draft, fields=fields)


@pytest.fixture
def city_dispatch(cast):
    """The city's 785/BTĐKT-THHC, registered and made the city's monthly programme."""
    from dienhinh.cycles.services import ProgrammeSpec

    dispatch = register(
        cast.city_officer, cast.city, CITY_TEXT, number="785/BTĐKT-THHC", date=dt.date(2026, 9, 12)
    )
    services.dispatch_create_programme(
        actor=cast.city_officer,
        dispatch=dispatch,
        spec=ProgrammeSpec(
            title="785",
            cadence="monthly",
            starts_on=dt.date(2026, 11, 1),
            unit_relation="before",
            unit_day=15,
        ),
        addressees=[cast.district, cast.other_district],
    )
    dispatch.refresh_from_db()
    return dispatch
