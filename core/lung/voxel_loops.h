#pragma once
// Element-wise passes over whole maps, in parallel blocks of voxels. The body gets a block
// [first, last) and works on raw pointers captured by value: a byte store through an Image's
// operator[] (or through a pointer captured by reference) may alias the pointer itself, which keeps
// the compiler from vectorising the loop, and a per-voxel lambda call costs more than the work.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

namespace tv {

template <typename Body>
void forVoxelBlocks(std::size_t count, Body&& body) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, std::size_t{1} << 16),
                      [&body](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
}

}  // namespace tv
