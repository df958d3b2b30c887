"""Which consent an outlet needs: the consent channels of a nomination
(`nominations.models.Channel`) mapped onto the kinds of outlets, so consent is checked
against the outlet a story actually goes out on.

Everything the central board publishes (its Đặc san, its e-portal, the general emulation
information site) is one consent channel, "central board publications"; elsewhere the kind
of outlet decides. A periodical is print, like a newspaper. An outlet of kind "other" names
its channel when it is added.
"""

from dienhinh.nominations.models import Channel
from dienhinh.units.models import Unit, UnitKind

from .models import OutletKind

BY_KIND: dict[str, str] = {
    OutletKind.LOUDSPEAKER: Channel.LOUDSPEAKER,
    OutletKind.E_PORTAL: Channel.PORTAL,
    OutletKind.RADIO_TV: Channel.RADIO_TV,
    OutletKind.NEWSPAPER: Channel.NEWSPAPER,
    OutletKind.PERIODICAL: Channel.NEWSPAPER,
    OutletKind.SOCIAL: Channel.SOCIAL,
}
CENTRAL_KINDS = {UnitKind.CENTRAL_BOARD, UnitKind.MINISTRY}

# Dienhinh's own public portal and feeds are an e-portal: a story shows there only while
# its consent covers the e-portals.
PORTAL_CHANNEL = Channel.PORTAL


def consent_channel_for(*, kind: str, owner: Unit, chosen: str = "") -> str | None:
    """The consent channel an outlet of this kind, owned by this unit, needs; for "other",
    the one `chosen` when it was added (None if none was)."""
    if owner.kind in CENTRAL_KINDS:
        return Channel.CENTRAL
    if kind == OutletKind.OTHER:
        return chosen if chosen in Channel.values else None
    return BY_KIND[kind]


def covers(consent, channel: str) -> bool:
    return consent is not None and channel in (consent.channels or [])
