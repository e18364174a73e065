"""A synthetic stream of a few hundred short news articles, written for these tests.

Seeded, so two runs publish exactly the same articles; every article states events the
extractor finds (meetings, clashes, casualty reports) between varying pairs of countries.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

PAIRS = [("Indian", "Pakistani", "India", "Pakistan"), ("Venezuelan", "Guyanese", "Venezuela", "Guyana"),
         ("Moroccan", "Algerian", "Morocco", "Algeria"), ("Sudanese", "Chadian", "Sudan", "Chad"),
         ("Israeli", "Lebanese", "Israel", "Lebanon"), ("Somali", "Kenyan", "Somalia", "Kenya")]
CITIES = ["Geneva", "Vienna", "Doha", "Nairobi", "Singapore", "Oslo"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentences(rng: random.Random, day: date) -> list[str]:
    adj_a, adj_b, a, b = rng.choice(PAIRS)
    weekday = WEEKDAYS[(day - timedelta(days=1)).weekday()]  # "yesterday", by name
    kind = rng.randrange(3)
    if kind == 0:
        return [f"{adj_a} and {adj_b} troops exchanged heavy fire near the border on {weekday}, officials said."]
    if kind == 1:
        return [f"The foreign ministers of {a} and {b} met in {rng.choice(CITIES)} on {weekday} to discuss the border."]
    killed, wounded = rng.randint(2, 40), rng.randint(3, 90)
    return [f"{a}'s defence ministry said on {weekday} that {killed} of its soldiers were killed and "
            f"{wounded} wounded in clashes with {adj_b} forces."]


def articles(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    out = []
    for n in range(count):
        day = start + timedelta(days=rng.randrange(90))
        body = " ".join(_sentences(rng, day) + _sentences(rng, day))
        out.append({"id": f"synthetic-{n:04d}", "source": f"Outlet {n % 5}",
                    "url": f"https://example.org/synthetic/{n}",
                    "published_at": f"{day.isoformat()}T12:00:00Z", "title": f"Report {n}", "body": body})
    return out
