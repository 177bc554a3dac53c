#!/usr/bin/env python3
"""Path in the background's arterial tree from one truth clot to another, and where the round's tree
loses it. Usage: treepath.py BG_REVIEW_DIR ROUND_REVIEW_DIR TRUTH.nii.gz FROM_LABEL TO_LABEL X0 X1 Y0 Y1 Z0 Z1"""
import gzip, struct, sys
from collections import deque

def read_box(path, box):
    data = gzip.open(path).read() if path.endswith('.gz') else open(path, 'rb').read()
    dims = struct.unpack("<8h", data[40:56]); dt = struct.unpack("<h", data[70:72])[0]
    off = int(struct.unpack("<f", data[108:112])[0]); slope, inter = struct.unpack("<2f", data[112:120])
    fmt = {2: ('B', 1), 4: ('h', 2), 8: ('i', 4), 16: ('f', 4), 512: ('H', 2), 256: ('b', 1)}[dt]
    nx, ny = dims[1], dims[2]
    x0, x1, y0, y1, z0, z1 = box
    out = {}
    for z in range(z0, z1 + 1):
        for y in range(y0, y1 + 1):
            base = off + ((z * ny + y) * nx + x0) * fmt[1]
            vals = struct.unpack('<%d%s' % (x1 - x0 + 1, fmt[0]), data[base: base + (x1 - x0 + 1) * fmt[1]])
            for i, v in enumerate(vals):
                out[(x0 + i, y, z)] = v * slope + inter if slope not in (0.0, 1.0) or inter else v
    return out

bgd, rdd, truth, fl, tl = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
box = tuple(int(a) for a in sys.argv[6:12])
bgL = read_box(bgd + '/levels.nii.gz', box); rdL = read_box(rdd + '/levels.nii.gz', box)
bgV = read_box(bgd + '/volume.nii.gz', box); rdV = read_box(rdd + '/volume.nii.gz', box)
tr = read_box(truth, box)
print('box tree voxels: background', sum(1 for v in bgL.values() if v), 'round', sum(1 for v in rdL.values() if v),
      'both', sum(1 for k, v in bgL.items() if v and rdL[k]))
src = [k for k, v in tr.items() if v == fl and bgL[k]]; dst = set(k for k, v in tr.items() if v == tl and bgL[k])
print('from label', fl, 'in bg tree', len(src), '; to label', tl, 'in bg tree', len(dst))
prev = {k: None for k in src}; q = deque(src); end = None
while q:
    k = q.popleft()
    if k in dst: end = k; break
    x, y, z = k
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for dz in (-1, 0, 1):
                n = (x + dx, y + dy, z + dz)
                if n in bgL and bgL[n] and n not in prev: prev[n] = k; q.append(n)
if end is None: print('no path in the background tree inside the box'); sys.exit()
path = []
while end is not None: path.append(end); end = prev[end]
path.reverse()
for k in path:
    print(k, 'truth', tr[k], 'bgLevel', bgL[k], 'roundLevel', rdL[k], 'bgHU %.0f' % bgV[k], 'roundHU %.0f' % rdV[k])
