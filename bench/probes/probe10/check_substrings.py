"""Check that every quoted string in expected.json is an exact substring of its article.
usage: python check_substrings.py [probe_dir]"""
import json, os, sys
root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
key = json.load(open(os.path.join(root, "expected.json")))
body = {}
for did, d in key["documents"].items():
    body[did] = open(os.path.join(root, d["path"]), encoding="utf-8").read()
bad, n = [], 0
def chk(did, s, where):
    global n
    if s is None: return
    n += 1
    if s not in body[did]: bad.append((did, where, s))
def walk_texts(did, obj, where):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("text", "place_text", "date_text", "place_context") and isinstance(v, str): chk(did, v, f"{where}.{k}")
            elif k == "attribution":
                for a in v: chk(did, a["source"], f"{where}.attribution")
            elif k == "denied_by": chk(did, v["source"], f"{where}.denied_by.source"); chk(did, v["text"], f"{where}.denied_by.text")
            else: walk_texts(did, v, f"{where}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj): walk_texts(did, v, f"{where}[{i}]")
for e in key["events"]:
    assert set(e["reported_by"]) == set(e["reports"]), e["key"]
    for did, r in e["reports"].items():
        walk_texts(did, r, f"{e['key']}/{did}")
    for side in ("actor1", "actor2"):
        if e[side]:
            for nm in e[side]["names_seen"]:
                n_ok = any(nm in body[d] for d in e["reports"])
                globals()["n"] += 1
                if not n_ok: bad.append((",".join(e["reports"]), f"{e['key']}.{side}.names_seen", nm))
    for b in e.get("background_in", []): chk(b["article"], b["text"], f"{e['key']}.background_in")
for sec in ("other_background", "modality_cases", "tallies", "vague_tallies", "casualty_cases", "anonymous_sources", "date_traps", "argument_cases"):
    for i, c in enumerate(key.get(sec, [])): chk(c["article"], c["text"], f"{sec}[{i}]")
for i, d in enumerate(key.get("discrepancies", [])):
    for v in d["values"]: chk(v["article"], v["text"], f"discrepancies[{i}]")
for did, t in body.items():
    lines = t.split("\n")
    assert lines[0].startswith("Title: ") and lines[1].startswith("Source: ") and lines[2].startswith("Published: ") \
        and lines[3].startswith("URL: ") and lines[4] == "", did
    assert lines[2] == "Published: " + key["documents"][did]["published_at"], did
    assert lines[1] == "Source: " + key["documents"][did]["source"], did
print(f"{n} strings checked, {len(bad)} missing")
for b in bad: print("MISSING", b)
sys.exit(1 if bad else 0)
