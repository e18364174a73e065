"""Which conflict a casualty report belongs to, from the clashes of the same article.

Tallies are kept per conflict and party ("Armenian soldiers in the Armenia-Azerbaijan
fighting"), so a casualty report carries the countries of the current fighting its party
takes part in.
"""
from __future__ import annotations

from schemas import CasualtyUpdate, Clash, Event


def add_conflicts(events: list[Event]) -> None:
    """Set `conflict` on each casualty report: the side countries of the article's current
    clashes that involve the report's party (none when the party is in none of them).

    A clash with a single known side country involves the party on the other side ("its
    soldiers clashed with Indian forces" in a report of Pakistani losses).
    """
    fights = [{s.country for s in e.sides if s.country} for e in events
              if isinstance(e, Clash) and not e.background]
    for event in events:
        if isinstance(event, CasualtyUpdate) and event.party and event.party.country:
            party = event.party.country
            involved = set().union(*(f | {party} for f in fights if party in f or len(f) == 1))
            event.conflict = sorted(involved) if len(involved) > 1 else []
