#pragma once
// Byte masks scanned 8 bytes at a time (one 64-bit word): mask rows are mostly long stretches of
// one value, and one word test replaces eight byte tests. Exact as yes/no tests.
#include <cstdint>
#include <cstring>

namespace tv {

/// The 8 bytes at p as one word (unaligned load).
inline std::uint64_t loadByteWord(const std::uint8_t* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

/// True when one of the 8 bytes of x is zero.
constexpr bool hasZeroByte(std::uint64_t x) {
    return ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) != 0;
}

/// Whether one of the 8 bytes of w equals `value` (Equal) or differs from it (Equal false).
template <bool Equal>
constexpr bool wordHasMatch(std::uint64_t w, std::uint8_t value) {
    const std::uint64_t x = w ^ (0x0101010101010101ULL * value);  // zero bytes where equal
    return Equal ? hasZeroByte(x) : x != 0;
}

/// Whether all 8 bytes of w equal `value` (Equal) or all differ from it (Equal false).
template <bool Equal>
constexpr bool wordAllMatch(std::uint64_t w, std::uint8_t value) {
    const std::uint64_t x = w ^ (0x0101010101010101ULL * value);
    return Equal ? x == 0 : !hasZeroByte(x);
}

}  // namespace tv
