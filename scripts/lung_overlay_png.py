#!/usr/bin/env python3
"""Renders axial slices of a CT (NIfTI) with lung / opacity label maps as PNG, for eyeballing the
masks (standard library only: gzip, struct, zlib).

usage: lung_overlay_png.py CT.nii.gz LUNGS.nii.gz OPACITY.nii.gz OUT_PREFIX K [K ...]
Lung labels are drawn as outlines (left lung blue, right lung green, airway yellow), GGO filled
orange and consolidation filled red. K are slice indices of the NIfTI grid (k), several per call.
"""
import gzip
import struct
import sys
import zlib

DTYPES = {2: ("B", 1), 4: ("h", 2), 16: ("f", 4), 256: ("b", 1), 512: ("H", 2), 8: ("i", 4), 64: ("d", 8)}


def read_nifti(path):
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    dims = struct.unpack_from("<8h", raw, 40)
    datatype = struct.unpack_from("<h", raw, 70)[0]
    vox_offset = int(struct.unpack_from("<f", raw, 108)[0])
    slope, inter = struct.unpack_from("<2f", raw, 112)
    nx, ny, nz = dims[1], dims[2], dims[3]
    fmt, size = DTYPES[datatype]
    count = nx * ny * nz
    data = struct.unpack_from("<%d%s" % (count, fmt), raw, vox_offset)
    if slope not in (0.0, 1.0) or inter != 0.0:
        data = [v * slope + inter for v in data]
    return nx, ny, nz, data


def write_png(path, width, height, rgb_rows):
    def chunk(tag, body):
        c = struct.pack(">I", len(body)) + tag + body
        return c + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(row) for row in rgb_rows)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)


def main():
    ct_path, lung_path, opa_path, prefix = sys.argv[1:5]
    ks = [int(k) for k in sys.argv[5:]]
    nx, ny, nz, ct = read_nifti(ct_path)
    _, _, _, lungs = read_nifti(lung_path)
    _, _, _, opa = read_nifti(opa_path)
    lung_col = {1: (60, 120, 255), 2: (40, 220, 60), 3: (255, 230, 0)}
    for k in ks:
        base = k * nx * ny
        rows = []
        # NIfTI is RAS: i grows to the patient's left in LPS terms after flipping; show radiological
        # convention (patient right on image left, anterior up) by flipping j.
        for jj in range(ny):
            j = ny - 1 - jj
            row = []
            for i in range(nx):
                n = base + j * nx + i
                g = int(max(0, min(255, (ct[n] + 1200) * 255 / 1500)))
                r, gg, b = g, g, g
                o = opa[n]
                if o == 1:
                    r, gg, b = (g + 2 * 255) // 3, (g + 2 * 140) // 3, g // 3
                elif o == 2:
                    r, gg, b = (g + 2 * 230) // 3, g // 3, g // 3
                lab = lungs[n]
                if lab:
                    edge = False
                    for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                        ii, jn = i + di, j + dj
                        if 0 <= ii < nx and 0 <= jn < ny and lungs[base + jn * nx + ii] != lab:
                            edge = True
                            break
                    if edge:
                        r, gg, b = lung_col.get(int(lab), (255, 0, 255))
                row += [r, gg, b]
            rows.append(row)
        write_png("%s_k%03d.png" % (prefix, k), nx, ny, rows)
        print("%s_k%03d.png" % (prefix, k))


if __name__ == "__main__":
    main()
