"""Check that every quoted string in expected.json is an exact substring of its article (probe 9)."""
import json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
key = json.load(open(os.path.join(root, "expected.json"), encoding="utf-8"))
docs = {k: open(os.path.join(root, v["path"]), encoding="utf-8").read() for k, v in key["documents"].items()}
bad, n = [], 0


def chk(art, s, where):
    global n
    if s is None:
        return
    n += 1
    if art not in docs:
        bad.append((where, art, s, "unknown article"))
    elif s not in docs[art]:
        bad.append((where, art, s))


def walk(art, obj, where):
    """every 'text' (and texts lists) inside obj belongs to art"""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("text", "place_text", "date_text", "civilians_text") and isinstance(v, str):
                chk(art, v, f"{where}.{k}")
            elif k == "texts":
                for t in v:
                    chk(art, t, f"{where}.texts")
            elif k == "source" and isinstance(v, str) and where.endswith("attribution"):
                chk(art, v, f"{where}.source")
            else:
                walk(art, v, f"{where}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            walk(art, v, where if where.endswith("attribution") else f"{where}[{i}]")


for ev in key["events"]:
    for art, rep in ev["reports"].items():
        walk(art, rep, f"{ev['key']}.{art}")
    for b in ev.get("background_in", []):
        chk(b["article"], b["text"], f"{ev['key']}.background_in")
    arts = list(ev["reports"]) + [b["article"] for b in ev.get("background_in", [])]
    for side in ("actor1", "actor2"):
        a = ev.get(side)
        if a:
            for nm in a["names_seen"]:
                n += 1
                if not any(nm in docs[x] for x in arts):
                    bad.append((f"{ev['key']}.{side}.names_seen", arts, nm))
for sect in ("other_background", "modality_cases", "tallies", "vague_tallies", "casualty_cases", "anonymous_sources",
             "date_traps", "one_event_many_sentences"):
    for i, item in enumerate(key.get(sect, [])):
        walk(item["article"], {k: v for k, v in item.items() if k != "article"}, f"{sect}[{i}]")
for i, d in enumerate(key.get("discrepancies", [])):
    for v in d["values"]:
        chk(v["article"], v.get("text"), f"discrepancies[{i}]")
print(f"checked {n} strings, {len(bad)} not found")
for b in bad:
    print("  MISSING:", b)
sys.exit(1 if bad else 0)
