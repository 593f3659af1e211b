"""Check that every quoted string in a probe's expected.json is an exact substring of its article body.

    python bench/probes/check_substrings.py bench/probes/probe4
"""
import json, os, sys

if len(sys.argv) != 2:
    sys.exit("usage: python bench/probes/check_substrings.py PROBE_DIR")
HERE = os.path.abspath(sys.argv[1])
exp = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
bodies = {}
for did, d in exp["documents"].items():
    raw = open(os.path.join(HERE, d["path"]), encoding="utf-8").read()
    head, body = raw.split("\n\n", 1)
    bodies[did] = body
    hdr = dict(l.split(": ", 1) for l in head.splitlines())
    assert list(hdr) == ["Title", "Source", "Published", "URL"], did
    assert hdr["Published"] == d["published_at"] and hdr["Source"] == d["source"], did
    assert ".example/" in hdr["URL"], did

checked, bad = 0, []
def chk(did, s, where):
    global checked
    checked += 1
    if s not in bodies[did]:
        bad.append((did, where, s))

for e in exp["events"]:
    arts = list(e["reports"]) + [b["article"] for b in e["background_in"]]
    for side in ("actor1", "actor2"):
        a = e[side]
        if a:
            for n in a["names_seen"]:
                checked += 1
                if not any(n in bodies[x] for x in arts):
                    bad.append((arts, e["key"] + " " + side, n))
    for did, r in e["reports"].items():
        for f in ("place_text", "date_text"):
            chk(did, r[f], e["key"] + " " + f)
        for w in r["weapons"]:
            chk(did, w["text"], e["key"] + " weapon")
        for f in ("fatalities", "injuries"):
            if r[f].get("text"):
                chk(did, r[f]["text"], e["key"] + " " + f)
        for a in r["attribution"]:
            chk(did, a["source"], e["key"] + " attribution")
    for b in e["background_in"]:
        chk(b["article"], b["text"], e["key"] + " background_in")
for sec in ("other_background", "tallies", "modality_cases", "casualty_cases", "anonymous_sources", "date_traps"):
    for x in exp[sec]:
        chk(x["article"], x["text"], sec)
for d in exp["discrepancies"]:
    for v in d["values"]:
        if v.get("text"):
            chk(v["article"], v["text"], "discrepancy " + d["event"])
        if d["field"] in ("place_text", "date_text"):
            chk(v["article"], v["value"], "discrepancy " + d["event"])

print(f"{len(exp['documents'])} articles, {len(exp['events'])} events, "
      f"{sum(len(e['reports']) for e in exp['events'])} reports; {checked} strings checked, {len(bad)} not found")
for b in bad:
    print("NOT FOUND:", b)
sys.exit(1 if bad else 0)
