#pragma once
// std::vector whose resize leaves trivial values uninitialised: large per-voxel work maps of a
// lung's box are then written (or zeroed) slice-parallel where they are filled, instead of in one
// serial memset before it. Only for maps whose every entry is written before it is read.
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace tv {

template <typename T>
struct UninitialisedAllocator : std::allocator<T> {
    template <typename U>
    struct rebind {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <typename U>
    UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <typename U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

template <typename T>
using UninitialisedVector = std::vector<T, UninitialisedAllocator<T>>;

}  // namespace tv
