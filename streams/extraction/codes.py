"""CAMEO and PLOVER codes of the three event types.

- meeting: CAMEO 043 "Consult: meet at a third location / meet" is the closest general code for
  talks held in person; a phone call is CAMEO 041 "Discuss by telephone". PLOVER: CONSULT.
- clash: CAMEO 190 "Use conventional military force, not specified"; PLOVER: FIGHT.
- casualty_update: a tally of the dead and wounded is the outcome of fighting, not a separate
  kind of interaction, so it carries the code of the fighting it counts: CAMEO 190, PLOVER
  FIGHT. Consumers that want reports only filter on the event `type`.
"""
from __future__ import annotations

from schemas import MeetingMode

CLASH = ("190", "FIGHT")
CASUALTY_UPDATE = ("190", "FIGHT")


def meeting(mode: MeetingMode) -> tuple[str, str]:
    """(CAMEO, PLOVER) of a meeting held in that mode."""
    return ("041" if mode == MeetingMode.CALL else "043", "CONSULT")
