// Fuzz builds only: keeps the readers' large fixed-size buffers between runs.
//
// Every reader allocates the decoder's 256 KiB input buffer (new), and a long record makes the
// chunk reader's buffer grow past a mebibyte. Under ASan, each large allocation and release is a
// fresh mapping whose 1/8-size shadow is poisoned page by page: about 10 ms per reader, which would
// cap a fuzz target at some 50 runs a second. The fuzz executables are linked with
// -Wl,--wrap for operator new, new[], delete and delete[], so that a block of 256 KiB or more is
// kept when released and handed out again for the next request of the same size. Such blocks
// are still allocated by ASan (with their redzones); everything smaller goes straight to the
// real operators. The eduqb binary and the tests are not linked with this file.

#include <array>
#include <cstddef>
#include <new>

extern "C" {
void* __real__Znwm(std::size_t size);
void* __real__Znam(std::size_t size);
void __real__ZdlPv(void* pointer) noexcept;
void __real__ZdaPv(void* pointer) noexcept;
void __real__ZdlPvm(void* pointer, std::size_t size) noexcept;
void __real__ZdaPvm(void* pointer, std::size_t size) noexcept;
}

namespace {

constexpr std::size_t kLarge = std::size_t{256} << 10;

struct Block {
    void* pointer = nullptr;
    std::size_t size = 0;
    bool array = false;
    bool in_use = false;
};
std::array<Block, 8> blocks;  // the fuzz targets are single-threaded

void* take(std::size_t size, bool array) {
    if (size >= kLarge) {
        for (Block& block : blocks) {
            if (block.pointer && !block.in_use && block.size == size && block.array == array) {
                block.in_use = true;
                return block.pointer;
            }
        }
    }
    void* pointer = array ? __real__Znam(size) : __real__Znwm(size);
    if (size >= kLarge) {
        for (Block& block : blocks) {
            if (!block.pointer) {
                block = Block{pointer, size, array, true};
                break;
            }
        }
    }
    return pointer;
}

/// True when `pointer` is a kept block (now free for reuse); false: release it for real.
bool keep(void* pointer) {
    if (!pointer) return false;
    for (Block& block : blocks) {
        if (block.pointer == pointer) {
            block.in_use = false;
            return true;
        }
    }
    return false;
}

}  // namespace

extern "C" {
void* __wrap__Znwm(std::size_t size) {
    return take(size, false);
}
void* __wrap__Znam(std::size_t size) {
    return take(size, true);
}
void __wrap__ZdlPv(void* pointer) noexcept {
    if (!keep(pointer)) __real__ZdlPv(pointer);
}
void __wrap__ZdaPv(void* pointer) noexcept {
    if (!keep(pointer)) __real__ZdaPv(pointer);
}
void __wrap__ZdlPvm(void* pointer, std::size_t size) noexcept {
    if (!keep(pointer)) __real__ZdlPvm(pointer, size);
}
void __wrap__ZdaPvm(void* pointer, std::size_t size) noexcept {
    if (!keep(pointer)) __real__ZdaPvm(pointer, size);
}
}
