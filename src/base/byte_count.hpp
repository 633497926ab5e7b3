#pragma once
// Counting one byte value in a buffer (newlines, for line numbers) at memory speed.

#include <algorithm>
#include <cstddef>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace eduqb {

inline std::size_t count_byte(const char* data, std::size_t size, char byte) {
    std::size_t count = 0;
    std::size_t i = 0;
#ifdef __SSE2__
    const __m128i wanted = _mm_set1_epi8(byte);
    while (i + 16 <= size) {
        // Per-lane counts in bytes (at most 255 blocks), summed with one psadbw.
        __m128i lanes = _mm_setzero_si128();
        const std::size_t blocks = std::min<std::size_t>((size - i) / 16, 255);
        for (std::size_t b = 0; b < blocks; ++b, i += 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(block, wanted));
        }
        const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
        count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
                 static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#endif
    for (; i < size; ++i) count += data[i] == byte;
    return count;
}

}  // namespace eduqb
