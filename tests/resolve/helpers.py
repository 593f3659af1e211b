"""Hand-built reports and articles for the resolve and store tests."""

from __future__ import annotations

from eventwire.model import Actor, Article, Claim, Count, EventDate, EventReport, Location, Span, Weapon

PLACES = {
    "Mayadin": (35.0207, 40.4519, "SY", "Deir ez-Zor"),
    "Abu Kamal": (34.4506, 40.9186, "SY", "Deir ez-Zor"),
    "Deir ez-Zor": (35.3359, 40.1408, "SY", "Deir ez-Zor"),
    "Erbil": (36.1901, 44.0091, "IQ", "Erbil"),
    "Kharkiv": (49.9935, 36.2304, "UA", "Kharkiv"),
}


def article_with_report(aid: str, text: str, *, source: str, published_at: str = "2023-11-09",
                        sub: str = "Air/drone strike", etype: str = "Explosions/Remote violence",
                        actor1: str | None = "United States", actor2: str | None = "Iran-backed militias",
                        place: str | None = "Mayadin", day: str | None = "2023-11-08", precision: str = "day",
                        fatalities: int | None = None, weapons: tuple[tuple[str, int | None], ...] = (),
                        target: str | None = None, background: bool = False, modality: str = "asserted",
                        claims: list[Claim] | None = None, **article_kw) -> Article:
    """One article whose single event report has evidence = the whole text."""
    loc = None
    if place is not None:
        lat, lon, cc, adm = PLACES[place]
        loc = Location(name=place, lat=lat, lon=lon, country_code=cc, admin1=adm, geo_precision=1)
    rep = EventReport(
        id=f"{aid}/e1", article_id=aid, event_type=etype, sub_event_type=sub,
        plover={"category": "ASSAULT", "mode": "aerial"},
        actor1=Actor(name=actor1, canonical=actor1) if actor1 else None,
        actor2=Actor(name=actor2, canonical=actor2) if actor2 else None,
        target=target, location=loc,
        date=EventDate(value=day, precision=precision) if day else None,
        weapons=[Weapon(name=n, category="MILITARY_PLATFORM", count=c) for n, c in weapons],
        fatalities=Count(value=fatalities), modality=modality, background=background,
        evidence=[Span(0, len(text))], confidence=0.8,
    )
    return Article(id=aid, text=text, published_at=published_at, source=source, title=f"{source}: {text[:30]}",
                   url=f"https://example.invalid/{aid}", events=[rep], claims=claims or [], **article_kw)


def pairs_of(*articles: Article):
    return [(r, a) for a in articles for r in a.events]
