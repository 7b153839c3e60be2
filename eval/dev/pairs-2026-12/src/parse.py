import glob, re, os
HERE = os.path.dirname(os.path.abspath(__file__))
def load():
    items = []
    for fn in sorted(glob.glob(os.path.join(HERE, '*.txt'))):
        block = None
        for ln in open(fn, encoding='utf-8'):
            ln = ln.rstrip('\n')
            if ln.startswith('## '):
                _, label, typ, style = ln.split()
                block = {'label': label, 'type': typ, 'style': style, 'src': os.path.basename(fn)}
                items.append(block)
            elif ln.startswith(('a: ', 'b: ')):
                parts = [p.strip() for p in ln[3:].split('|')]
                assert len(parts) == 3, (fn, ln)
                side = {'title': parts[0]}
                if parts[1]:
                    side['heading'] = parts[1]
                side['text'] = parts[2]
                block[ln[0]] = side
            elif ln.startswith('why: '):
                block['why'] = ln[5:].strip()
            elif ln.strip():
                raise ValueError((fn, ln))
    for it in items:
        assert all(k in it for k in ('a', 'b', 'why')), it
    return items
