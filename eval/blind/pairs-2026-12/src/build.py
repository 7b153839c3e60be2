import json, random, collections, sys
sys.path.insert(0, '.')
from contradictions import C
from compatible import K

items = [("contradiction",) + t for t in C] + [("compatible",) + t for t in K]
random.Random(20240611).shuffle(items)
# balance which side carries the wrong claim: swap sides of 22 'B wrong' contradictions
rng = random.Random(7)
bw = [i for i, t in enumerate(items) if t[0] == "contradiction" and t[5].startswith("B wrong")]
for i in rng.sample(bw, 22):
    label, typ, style, a, b, why = items[i]
    items[i] = (label, typ, style, b, a, "A wrong" + why[len("B wrong"):])

def q(s): return json.dumps(s, ensure_ascii=False)
def side(x):
    title, heading, text = x
    parts = [f"title: {q(title)}"]
    if heading: parts.append(f"heading: {q(heading)}")
    parts.append(f"text: {q(text)}")
    return "{" + ", ".join(parts) + "}"

lines = ["# Blind evaluation set: claim pairs for a contradiction detector.",
         "# 240 pairs: 120 contradiction, 120 compatible. See README.md.", ""]
styles = {}
for i, (label, typ, style, a, b, why) in enumerate(items, 1):
    pid = f"P{i:03d}"
    styles[pid] = (label, typ, style)
    lines += [f"- id: {pid}", f"  label: {label}", f"  type: {typ}",
              f"  a: {side(a)}", f"  b: {side(b)}", f"  why: {q(why)}", ""]
open("../pairs.yaml", "w").write("\n".join(lines))
json.dump(styles, open("styles.json", "w"), indent=0)
