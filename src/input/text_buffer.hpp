#pragma once
// A byte buffer that resize() leaves uninitialised.

#include <memory>
#include <utility>
#include <vector>

namespace eduqb {

/// An allocator whose resize() leaves new bytes as they are: a reader fills them at once, and
/// zeroing each block first cost as much as validating it.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
    template <typename U>
    struct rebind {
        using other = UninitializedAllocator<U>;
    };
    UninitializedAllocator() = default;
    template <typename U>
    UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
    template <typename U>
    void construct(U* place) noexcept {
        ::new (static_cast<void*>(place)) U;
    }
    template <typename U, typename... Args>
    void construct(U* place, Args&&... args) {
        ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
    }
};
using TextBuffer = std::vector<char, UninitializedAllocator<char>>;

}  // namespace eduqb
