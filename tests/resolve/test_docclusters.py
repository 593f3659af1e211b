"""Document clustering on hand-written documents (two look-alike events in one topic)."""

from __future__ import annotations

from collections import Counter

from eventwire.resolve.docclusters import cluster_documents, doc_features

QUAKE_A = ("A magnitude 6.1 earthquake struck near Ridgecrest, California on July 4, 2019, "
           "shaking buildings in Ridgecrest and Trona. Kern County officials reported minor injuries.")
QUAKE_B = ("A 7.7 earthquake hit off the coast of Sumatra, Indonesia on March 2, 2016. "
           "Indonesian officials in Padang said there was no tsunami.")
REHAB = "Actress Tara Reid checked into the Promises rehab clinic in Malibu, her representative told People."


def _docs():
    docs = []
    for i in range(5):
        docs.append({"id": f"ridge{i}", "text": f"Report {i}. " + QUAKE_A + f" Aftershock number {i} followed."})
        docs.append({"id": f"sumatra{i}", "text": f"Update {i}. " + QUAKE_B + f" Residents fled, item {i}."})
        docs.append({"id": f"reid{i}", "text": REHAB + f" Note {i}."})
    return docs


def test_documents_cluster_by_event_not_just_topic():
    clusters = cluster_documents(_docs())
    groups = Counter(clusters.values())
    assert len(groups) == 3 and set(groups.values()) == {5}
    assert len({clusters[f"ridge{i}"] for i in range(5)}) == 1
    assert clusters["ridge0"] != clusters["sumatra0"] != clusters["reid0"]


def test_cluster_ids_do_not_depend_on_input_order():
    docs = _docs()
    assert cluster_documents(docs) == cluster_documents(list(reversed(docs)))


def test_urls_are_not_features_and_dates_are():
    feats = doc_features("http://example.com/2013/may/03/lohan-rehab\nLindsay Lohan checked in on May 3, 2013.")
    assert not any("example" in k or "http" in k for k in feats)
    assert feats["Y:2013"] > 0 and feats["D:may3"] > 0 and feats["P:lohan"] > 0


def test_empty_input():
    assert cluster_documents([]) == {}
