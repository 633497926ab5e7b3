#include "output_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "eduqb/error.hpp"

namespace eduqb::cli {

AtomicOutputFile::AtomicOutputFile(std::string path) : path_(std::move(path)) {
    // Write where the path leads. A symlink is followed to its file (renaming over the link
    // would replace the link and leave its file as it was); a device or FIFO (/dev/stdout, a
    // pipe) is written straight into: renaming over it would replace the device node itself.
    std::string target = path_;
    struct stat info {};
    if (stat(path_.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) {
            throw OutputError(fmt::format("cannot write {}: {}", path_, std::strerror(EISDIR)));
        }
        if (!S_ISREG(info.st_mode)) {
            direct_ = true;
            stream_.open(path_, std::ios::binary);
            if (!stream_) {
                throw OutputError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
            }
            return;
        }
        if (char* real = realpath(path_.c_str(), nullptr)) {
            target = real;
            std::free(real);
        }
    }
    target_path_ = target;
    std::vector<char> name(target.begin(), target.end());
    const std::string suffix = ".eduqb-tmp-XXXXXX";
    name.insert(name.end(), suffix.begin(), suffix.end());
    name.push_back('\0');
    int fd = mkstemp(name.data());
    if (fd < 0) {
        throw OutputError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    }
    // Keep the permissions an ordinary new file would get, not mkstemp's 0600.
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    temp_path_ = name.data();
    stream_.open(temp_path_, std::ios::binary | std::ios::trunc);
    if (!stream_) {
        std::remove(temp_path_.c_str());
        throw OutputError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    }
}

AtomicOutputFile::~AtomicOutputFile() {
    if (!committed_ && !direct_) {
        stream_.close();
        std::remove(temp_path_.c_str());
    }
}

void AtomicOutputFile::commit() {
    stream_.flush();
    bool ok = static_cast<bool>(stream_);
    stream_.close();
    ok = ok && !stream_.fail();
    if (direct_) {
        if (!ok) {
            const int error = errno;
            throw OutputError(fmt::format("cannot write {}: {}", path_,
                                          error ? std::strerror(error) : "write failed"));
        }
        committed_ = true;
        return;
    }
    if (ok) {
        int fd = open(temp_path_.c_str(), O_RDONLY);
        ok = fd >= 0 && fsync(fd) == 0;
        if (fd >= 0) close(fd);
    }
    if (!ok) {
        int error = errno;
        throw OutputError(fmt::format("cannot write {}: {}", path_,
                                      error ? std::strerror(error) : "write failed"));
    }
    if (std::rename(temp_path_.c_str(), target_path_.c_str()) != 0) {
        throw OutputError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    }
    committed_ = true;
}

bool same_file(const std::string& output, const std::string& input) {
    struct stat a {};
    struct stat b {};
    if (stat(output.c_str(), &a) != 0 || stat(input.c_str(), &b) != 0) return false;
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace eduqb::cli
