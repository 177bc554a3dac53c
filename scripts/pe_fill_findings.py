#!/usr/bin/env python3
"""Copies a CT volume with the embolus detector's reported findings filled with enhanced blood.

Usage: scripts/pe_fill_findings.py CT.nii.gz EMBOLI.nii.gz OUT.nii.gz HU

CT: the volume `thromboview analyze` read (NIfTI, gzip); EMBOLI: that run's emboli.nii.gz (one label per
finding, on CT's grid); every labelled voxel is set to HU (e.g. 480 on pa-crop) in OUT. Running the detector
on OUT asks what a second search would find once the first pass's clots no longer narrow or disconnect
their arteries (README "Stop 31", the recurring pa-crop lobar miss). A crude review test, not a detector
stage: the filled blocks are sharp and noise-free, so their rims can read as defects. Standard library only.
"""
import array
import gzip
import struct
import sys


def read_nifti(path):
    data = gzip.open(path).read()
    dims = struct.unpack("<8h", data[40:56])
    datatype = struct.unpack("<h", data[70:72])[0]
    offset = int(struct.unpack("<f", data[108:112])[0])
    slope, inter = struct.unpack("<2f", data[112:120])
    codes = {2: "B", 4: "h", 8: "i", 16: "f", 256: "b", 512: "H"}
    if datatype not in codes:
        sys.exit(f"{path}: NIfTI datatype {datatype} is not handled (expected one of {sorted(codes)})")
    voxels = dims[1] * dims[2] * dims[3]
    values = array.array(codes[datatype])
    values.frombytes(data[offset:offset + voxels * values.itemsize])
    return data[:offset], values, (slope or 1.0), inter


def main(args):
    if len(args) != 4:
        sys.exit(__doc__)
    header, ct, slope, inter = read_nifti(args[0])
    _, labels, _, _ = read_nifti(args[1])
    if len(ct) != len(labels):
        sys.exit(f"{args[1]}: {len(labels)} voxels, expected {len(ct)} as in {args[0]} (not the same grid)")
    stored = (float(args[3]) - inter) / slope
    if ct.typecode != "f":
        stored = int(round(stored))
    filled = 0
    for n, label in enumerate(labels):
        if label:
            ct[n] = stored
            filled += 1
    with gzip.open(args[2], "wb") as out:
        out.write(header + ct.tobytes())
    print(f"filled {filled} voxels with {args[3]} HU")


if __name__ == "__main__":
    main(sys.argv[1:])
