#include "progress_bar.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace eduqb::cli {
namespace {

constexpr std::uint64_t kLargeInput = 50'000'000;  // bytes
constexpr auto kSlowRun = std::chrono::seconds(1);
constexpr auto kRedraw = std::chrono::milliseconds(100);
constexpr int kWidth = 30;

std::string megabytes(std::uint64_t bytes) {
    return fmt::format("{:.0f} MB", static_cast<double>(bytes) / 1e6);
}

}  // namespace

ProgressBar::ProgressBar(const std::vector<std::string>& files, bool enabled)
    : enabled_(enabled && isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {
    for (const auto& file : files) {
        struct stat info {};
        const bool known = file != "-" && ::stat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode);
        sizes_.push_back(known ? static_cast<std::uint64_t>(info.st_size) : 0);
        total_ += sizes_.back();
    }
}

ProgressBar::~ProgressBar() {
    finish();
}

ProgressHook ProgressBar::hook() {
    if (!enabled_) return {};
    return [this](const Progress& progress) { update(progress); };
}

void ProgressBar::update(const Progress& progress) {
    const auto now = std::chrono::steady_clock::now();
    if (!drawn_ && total_ < kLargeInput && now - start_ < kSlowRun) return;
    if (drawn_ && now - last_draw_ < kRedraw) return;
    last_draw_ = now;
    std::uint64_t done = progress.bytes;
    for (std::size_t i = 0; i < progress.input && i < sizes_.size(); ++i) done += sizes_[i];
    const double seconds = std::chrono::duration<double>(now - start_).count();
    std::string line;
    if (total_ > 0) {
        const double fraction = std::min(1.0, static_cast<double>(done) / total_);
        const int filled = static_cast<int>(fraction * kWidth);
        line =
            fmt::format("eduqb: [{}{}] {:3.0f}% {} / {}, {} rows, {:.1f} s",
                        std::string(filled, '#'), std::string(kWidth - filled, '.'), 100 * fraction,
                        megabytes(done), megabytes(total_), progress.rows, seconds);
    } else {
        line = fmt::format("eduqb: {} read, {} rows, {:.1f} s", megabytes(done), progress.rows,
                           seconds);
    }
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (!drawn_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace eduqb::cli
