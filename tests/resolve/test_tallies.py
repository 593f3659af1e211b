"""Tally claims as series with decrease / disagreement flags."""

from __future__ import annotations

from eventwire.resolve.tallies import flag_claims, series_key


def _claim(count, as_of, source, article="a", **kw):
    return {"kind": "tally", "count": count, "event": "attacks", "target": "US forces", "region": "Iraq and Syria",
            "as_of": as_of, "source": source, "article_id": article, **kw}


def test_series_in_date_order_with_decrease_flag():
    out = flag_claims([_claim(31, "2023-11-02", "Pentagon", "c"), _claim(14, "2023-10-24", "Pentagon", "a"),
                       _claim(19, "2023-10-26", "Pentagon", "b"), _claim(28, "2023-11-05", "Pentagon", "d")])
    assert [c["count"] for c in out] == [14, 19, 31, 28]
    assert [c["flags"] for c in out[:3]] == [[], [], []]
    assert out[3]["flags"][0]["flag"] == "decrease" and out[3]["flags"][0]["previous"] == 31


def test_two_sources_disagreeing_on_the_same_day_are_flagged():
    out = flag_claims([_claim(40, "2023-11-09", "Pentagon", "a"), _claim(46, "2023-11-09", "Monitor", "b")])
    assert all(c["flags"][0]["flag"] == "disagreement" for c in out)
    assert out[0]["flags"][0]["other_counts"] in ([46], [40])


def test_different_series_are_not_compared():
    a = _claim(40, "2023-11-09", "Pentagon")
    b = {**_claim(3, "2023-11-10", "Pentagon"), "event": "drone attacks", "target": "Erbil airport"}
    out = flag_claims([a, b])
    assert all(c["flags"] == [] for c in out)
    assert series_key(a) != series_key(b)


def test_plural_and_case_do_not_split_a_series():
    assert series_key({"event": "Attacks", "target": "US forces"}) == series_key({"event": "attack",
                                                                                  "target": "us force"})


def test_a_claim_that_omits_target_and_region_joins_the_matching_series():
    full = _claim(46, "2023-11-07", "Monitor", "a")
    partial = {**_claim(40, "2023-11-07", "Pentagon", "b"), "target": None, "region": None}
    other = {**_claim(3, "2023-11-07", "Pentagon", "c"), "event": "drone attacks", "target": "Erbil airport",
             "region": None}
    out = flag_claims([full, partial, other])
    by_article = {c["article_id"]: c for c in out}
    assert by_article["b"]["series"] == by_article["a"]["series"]
    assert by_article["b"]["flags"][0]["flag"] == "disagreement"
    assert by_article["c"]["series"] != by_article["a"]["series"]
