#include "output_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <random>

#include "eduqb/error.hpp"

namespace eduqb::cli {

void FdBuffer::reset(int fd) {
    fd_ = fd;
    error_ = 0;
    setp(buffer_, buffer_ + sizeof buffer_);
}

FdBuffer::int_type FdBuffer::overflow(int_type ch) {
    if (!drain()) return traits_type::eof();
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    return ch;
}

std::streamsize FdBuffer::xsputn(const char* data, std::streamsize size) {
    const auto room = epptr() - pptr();
    if (size <= room) {
        std::memcpy(pptr(), data, static_cast<std::size_t>(size));
        pbump(static_cast<int>(size));
        return size;
    }
    if (!drain()) return 0;
    if (size >= static_cast<std::streamsize>(sizeof buffer_)) {
        return write_all(data, static_cast<std::size_t>(size)) ? size : 0;
    }
    std::memcpy(pptr(), data, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
}

int FdBuffer::sync() {
    return drain() ? 0 : -1;
}

bool FdBuffer::drain() {
    const bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_, buffer_ + sizeof buffer_);
    return ok;
}

bool FdBuffer::write_all(const char* data, std::size_t size) {
    if (error_ != 0) return false;
    while (size > 0) {
        const ssize_t wrote = ::write(fd_, data, size);
        if (wrote < 0) {
            if (errno == EINTR) continue;
            error_ = errno;
            return false;
        }
        data += wrote;
        size -= static_cast<std::size_t>(wrote);
    }
    return true;
}

namespace {

// The one temporary file that has a name, for the signal handler to remove. The name is
// written only while `g_armed` is false, so the handler never reads half of it.
constexpr std::size_t kMaxArmedPath = 8192;  // longer than any path the kernel accepts
char g_armed_path[kMaxArmedPath];
std::atomic<bool> g_armed{false};
static_assert(std::atomic<bool>::is_always_lock_free, "read in a signal handler");

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGABRT};
// A crash inside a library (libxlsxwriter writes through a null pointer when the system
// refuses it memory) leaves no temporary file either. Only where nobody else handles the
// signal: a sanitizer's own report comes first.
constexpr int kFaultSignals[] = {SIGSEGV, SIGBUS};

extern "C" void remove_temporary_and_reraise(int signal) {
    const int saved = errno;
    if (g_armed.load()) unlink(g_armed_path);
    // SA_RESETHAND has restored the default action. The signal stays blocked until this
    // handler returns, and then ends the process as it would have without eduqb's handler.
    raise(signal);
    errno = saved;
}

extern "C" void remove_temporary_at_exit() {
    if (g_armed.exchange(false)) unlink(g_armed_path);
}

void install_cleanup() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    std::atexit(remove_temporary_at_exit);
    struct sigaction action {};
    action.sa_handler = remove_temporary_and_reraise;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int signal : kCleanupSignals) sigaddset(&action.sa_mask, signal);
    for (int signal : kFaultSignals) sigaddset(&action.sa_mask, signal);
    for (int signal : kCleanupSignals) {
        struct sigaction old {};
        // A signal the caller ignores (nohup) stays ignored.
        if (sigaction(signal, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(signal, &action, nullptr);
    }
    for (int signal : kFaultSignals) {
        struct sigaction old {};
        if (sigaction(signal, nullptr, &old) != 0 || old.sa_handler != SIG_DFL ||
            (old.sa_flags & SA_SIGINFO) != 0) {
            continue;
        }
        sigaction(signal, &action, nullptr);
    }
}

/// Makes `path` the file an interrupted run removes. Called before the file is created, so
/// that no moment exists in which it is there and unknown to the handler.
void arm(const std::string& path) {
    g_armed = false;
    if (path.size() >= kMaxArmedPath) return;  // creating it fails anyway
    install_cleanup();
    std::memcpy(g_armed_path, path.c_str(), path.size() + 1);
    g_armed = true;
}

void disarm() {
    g_armed = false;
}

/// ".eduqb-tmp-" and six random letters or digits, as mkstemp makes them.
std::string temporary_name(const std::string& target) {
    static constexpr char kLetters[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static std::mt19937_64 random{std::random_device{}()};
    std::string name = target + ".eduqb-tmp-";
    for (int i = 0; i < 6; ++i) name += kLetters[random() % (sizeof kLetters - 1)];
    return name;
}

std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

/// The file `path` leads to: symlinks in its last part followed one by one, also to a file
/// that does not exist yet (a dangling link), so that the link stays and its file is written.
std::string follow_links(const std::string& path) {
    std::string current = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat info {};
        if (lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return current;
        char link[4096];
        const ssize_t size = readlink(current.c_str(), link, sizeof link);
        if (size <= 0 || static_cast<std::size_t>(size) == sizeof link) return current;
        std::string next(link, static_cast<std::size_t>(size));
        const auto slash = current.rfind('/');
        if (next.front() != '/' && slash != std::string::npos) {
            next = current.substr(0, slash + 1) + next;
        }
        current = std::move(next);
    }
    errno = ELOOP;
    return {};
}

/// O_TMPFILE files are given their name through /proc/self/fd (linkat with AT_EMPTY_PATH
/// needs a capability).
bool can_link_anonymous() {
#ifdef O_TMPFILE
    return access("/proc/self/fd", X_OK) == 0;
#else
    return false;
#endif
}

}  // namespace

AtomicOutputFile::AtomicOutputFile(std::string path, bool writer_needs_path)
    : path_(std::move(path)) {
    if (path_.empty()) fail(ENOENT);
    target_ = follow_links(path_);
    if (target_.empty()) fail(errno);
    struct stat info {};
    if (stat(target_.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) fail(EISDIR);
        if (!S_ISREG(info.st_mode)) {
            // A device or FIFO: renaming over it would replace the node itself.
            direct_ = true;
            fd_ = open(target_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (fd_ < 0) fail(errno);
            buffer_.reset(fd_);
            temp_path_ = target_;
            return;
        }
        replaces_ = true;
        old_mode_ = info.st_mode & 07777;
        old_uid_ = info.st_uid;
        old_gid_ = info.st_gid;
    }
    // A report replacing another is readable by nobody else until commit() gives it the old
    // file's permissions, which may be narrower than the umask's; a new one gets the umask's.
    const int mode = replaces_ ? 0600 : 0666;
    by_name_ = writer_needs_path;
#ifdef O_TMPFILE
    if (!writer_needs_path && can_link_anonymous()) {
        // Nothing to remove if the run ends here: an unnamed file goes with its descriptor.
        fd_ = open(directory_of(target_).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
        anonymous_ = fd_ >= 0;
    }
#endif
    if (!anonymous_) create_named(mode);  // also where the file system has no O_TMPFILE
    buffer_.reset(fd_);
}

AtomicOutputFile::~AtomicOutputFile() {
    if (fd_ >= 0) close(fd_);
    if (!committed_ && !direct_ && !temp_path_.empty()) {
        unlink(temp_path_.c_str());
        disarm();
    }
}

void AtomicOutputFile::claim_temporary_name(const std::function<bool(const char*)>& create) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string name = temporary_name(target_);
        // Armed before the file exists, so that a signal in between still removes it.
        arm(name);
        if (create(name.c_str())) {
            temp_path_ = name;
            return;
        }
        const int error = errno;
        disarm();
        if (error != EEXIST) fail(error);
    }
    fail(EEXIST);
}

void AtomicOutputFile::create_named(int mode) {
    claim_temporary_name([&](const char* name) {
        fd_ = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        return fd_ >= 0;
    });
}

void AtomicOutputFile::link_anonymous() {
    const std::string self = fmt::format("/proc/self/fd/{}", fd_);
    claim_temporary_name([&](const char* name) {
        return linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0;
    });
}

void AtomicOutputFile::fail(int error) const {
    throw OutputError(fmt::format("cannot write {}: {}", path_,
                                  error != 0 ? std::strerror(error) : "write failed"));
}

void AtomicOutputFile::commit() {
    stream_.flush();
    const int error = buffer_.error();
    if (direct_) {
        // A reader of a FIFO that stops early is no failure, as with standard output.
        if (error != 0 && error != EPIPE) fail(error);
        if (error == 0 && !stream_) fail(0);
        const int fd = fd_;
        fd_ = -1;
        if (close(fd) != 0 && errno != EINTR && error == 0) fail(errno);
        committed_ = true;
        return;
    }
    if (error != 0 || !stream_) fail(error);
    if (by_name_) {
        // The writer opened the file itself: sync and chmod what it left there.
        close(fd_);
        fd_ = open(temp_path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) fail(errno);
    }
    if (fsync(fd_) != 0) fail(errno);
    if (replaces_) {
        // The owner and group come back where the system allows (root; a group of one's own).
        if (fchown(fd_, old_uid_, old_gid_) != 0 && fchown(fd_, -1, old_gid_) != 0) {
        }
        if (fchmod(fd_, static_cast<mode_t>(old_mode_)) != 0) fail(errno);
    }
    if (anonymous_) link_anonymous();
    if (std::rename(temp_path_.c_str(), target_.c_str()) != 0) fail(errno);
    disarm();
    committed_ = true;
    // The rename itself reaches the disk with its directory.
    const int directory = open(directory_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        fsync(directory);
        close(directory);
    }
}

void refuse_output_onto_inputs(const std::string& output, const std::vector<std::string>& inputs) {
    if (output.empty()) return;
    struct stat out {};
    if (stat(output.c_str(), &out) != 0 || !S_ISREG(out.st_mode)) return;
    for (const auto& input : inputs) {
        struct stat in {};
        const bool is_stdin = input == "-";
        if ((is_stdin ? fstat(STDIN_FILENO, &in) : stat(input.c_str(), &in)) != 0) continue;
        if (in.st_dev != out.st_dev || in.st_ino != out.st_ino) continue;
        throw OutputError(fmt::format("refusing to write the report onto the input file {}{}",
                                      output, is_stdin ? " (it is standard input)" : ""));
    }
}

namespace {
FdBuffer* g_standard_output = nullptr;
std::streambuf* g_cout_buffer = nullptr;
}  // namespace

StandardOutput::StandardOutput() {
    // Without this a closed pipe kills the process (exit 141) before it can tell why.
    std::signal(SIGPIPE, SIG_IGN);
    static FdBuffer buffer(STDOUT_FILENO);
    std::cout.flush();
    g_cout_buffer = std::cout.rdbuf(&buffer);
    g_standard_output = &buffer;
}

StandardOutput::~StandardOutput() {
    std::cout.flush();
    std::cout.rdbuf(g_cout_buffer);
    g_standard_output = nullptr;
}

void finish_standard_output() {
    std::cout.flush();
    const int error = g_standard_output != nullptr ? g_standard_output->error() : 0;
    if (error == EPIPE) return;
    if (error != 0 || !std::cout) throw OutputError("cannot write the report to standard output");
}

}  // namespace eduqb::cli
