"""Build ../pairs.yaml from the compact *.txt sources (seeded shuffle, sequential ids)."""
import json, os, random, yaml
import parse
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'pairs.yaml')
items = parse.load()
random.Random(20240611).shuffle(items)
q = lambda s: json.dumps(s, ensure_ascii=False)
def side(d):
    parts = [f"title: {q(d['title'])}"]
    if 'heading' in d:
        parts.append(f"heading: {q(d['heading'])}")
    parts.append(f"text: {q(d['text'])}")
    return '{' + ', '.join(parts) + '}'
lines = []
for i, it in enumerate(items, 1):
    it['id'] = f"D{i:03d}"
    lines += [f"- id: {it['id']}",
              f"  label: {it['label']}",
              f"  type: {it['type']}",
              f"  a: {side(it['a'])}",
              f"  b: {side(it['b'])}",
              f"  why: {q(it['why'])}", ""]
open(OUT, 'w', encoding='utf-8').write('\n'.join(lines))
data = yaml.safe_load(open(OUT, encoding='utf-8'))
assert len(data) == len(items)
for d, it in zip(data, items):
    for k in ('id', 'label', 'type', 'a', 'b', 'why'):
        assert d[k] == it[k], (k, d[k], it[k])
# style sidecar (not part of the schema) for the README counts
with open(os.path.join(HERE, 'styles.tsv'), 'w') as f:
    for it in items:
        f.write(f"{it['id']}\t{it['label']}\t{it['type']}\t{it['style']}\n")
print('wrote', len(data))
