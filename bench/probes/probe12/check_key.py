#!/usr/bin/env python3
"""Check every quoted string in expected.json is an exact substring of its article."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
key = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))
art = {a: open(os.path.join(HERE, d["path"]), encoding="utf-8").read() for a, d in key["documents"].items()}
bad, n = [], 0
def chk(aids, s, where):
    global n
    if s is None:
        return
    n += 1
    if not any(s in art[a] for a in aids):
        bad.append((where, aids, s))
def walk_text(obj, aids, where):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("text", "place_text", "date_text") and isinstance(v, str):
                chk(aids, v, where + "." + k)
            elif k == "names_seen":
                for s in v: chk(aids, s, where + ".names_seen")
            elif k == "attribution":
                for a in v: chk(aids, a["source"], where + ".attribution")
            else:
                walk_text(v, aids, where + "." + k)
    elif isinstance(obj, list):
        for x in obj: walk_text(x, aids, where)
for e in key["events"]:
    aids = list(e["reports"])
    for side in ("actor1", "actor2"):
        if e[side]: walk_text(e[side], aids, e["key"] + "." + side)
    for a, r in e["reports"].items():
        walk_text(r, [a], e["key"] + "." + a)
    for b in e.get("background_in", []):
        chk([b["article"]], b["text"], e["key"] + ".background_in")
for sec in ("other_background", "modality_cases", "actor_cases", "source_cases", "tallies", "casualty_cases", "anonymous_sources", "date_traps"):
    for c in key[sec]:
        chk([c["article"]], c["text"], sec)
for d in key["discrepancies"]:
    for v in d["values"]:
        chk([v["article"]], v["text"], "discrepancies")
# article format
for a, t in art.items():
    lines = t.split("\n")
    assert lines[0].startswith("Title: ") and lines[1].startswith("Source: ") and lines[2].startswith("Published: ") and lines[3].startswith("URL: ") and lines[4] == "", a
    body = "\n".join(lines[5:]); w = len(body.split())
    if not 120 <= w <= 400: bad.append(("wordcount", a, w))
for b in bad: print("NOT FOUND:", b)
print(f"{len(art)} articles, {len(key['events'])} events, {n} strings checked, {len(bad)} problems")
sys.exit(1 if bad else 0)
