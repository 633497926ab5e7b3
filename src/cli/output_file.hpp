#pragma once
// Reports reach their file whole or not at all: written to a temporary file beside the
// target, then renamed over it. On any error, or when the run is interrupted, the previous
// file is untouched and no temporary file is left. A device or FIFO (/dev/stdout, a pipe)
// cannot be renamed over and is written straight into.

#include <functional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace eduqb::cli {

/// A buffered stream buffer over a file descriptor that keeps the errno of the first failed
/// write; after a failure it writes nothing more.
class FdBuffer : public std::streambuf {
  public:
    explicit FdBuffer(int fd = -1) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
    FdBuffer(const FdBuffer&) = delete;
    FdBuffer& operator=(const FdBuffer&) = delete;
    void reset(int fd);
    int error() const { return error_; }  ///< 0 while every write has succeeded

  protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* data, std::streamsize size) override;
    int sync() override;

  private:
    bool drain();
    bool write_all(const char* data, std::size_t size);
    int fd_;
    int error_ = 0;
    char buffer_[1 << 16];
};

class AtomicOutputFile {
  public:
    /// Finds where `path` leads (symlinks followed, dangling ones too) and creates the
    /// temporary file there: construct it only when the report is ready to be written.
    /// `writer_needs_path`: the report is written by a library that opens the file itself
    /// (libxlsxwriter), so the temporary file has a name from the start. OutputError (with
    /// the path) if the file cannot be created.
    explicit AtomicOutputFile(std::string path, bool writer_needs_path = false);
    ~AtomicOutputFile();  ///< removes the temporary file unless commit() succeeded
    AtomicOutputFile(const AtomicOutputFile&) = delete;
    AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

    std::ostream& stream() { return stream_; }
    /// The file to write when constructed with `writer_needs_path`. Such a writer replaces
    /// the file's content; write nothing through stream() then.
    const std::string& temp_path() const { return temp_path_; }
    /// Flushes and syncs, gives the file the permissions of the one it replaces, and renames
    /// it onto the target; OutputError if any step fails.
    void commit();

  private:
    /// Gives `create` names beside the target until it makes one (false with errno EEXIST:
    /// the name was taken); temp_path_ is then that name, armed for removal on a signal.
    void claim_temporary_name(const std::function<bool(const char*)>& create);
    void create_named(int mode);
    void link_anonymous();
    [[noreturn]] void fail(int error) const;

    std::string path_;    ///< as the user gave it, for messages
    std::string target_;  ///< the file renamed onto: path_ with symlinks followed
    std::string temp_path_;
    int fd_ = -1;
    bool direct_ = false;     ///< a device or FIFO, written straight into
    bool anonymous_ = false;  ///< O_TMPFILE: no name until commit() links it
    bool by_name_ = false;    ///< written by a library through temp_path()
    bool replaces_ = false;   ///< the target exists: keep its owner and permissions
    unsigned old_mode_ = 0;   ///< the target's permission bits
    unsigned old_uid_ = 0;
    unsigned old_gid_ = 0;
    FdBuffer buffer_;
    std::ostream stream_{&buffer_};
    bool committed_ = false;
};

/// OutputError (exit 4) when `output` is the same regular file as one of `inputs`, however
/// either is spelt (relative, through a symlink, a hard link, /dev/stdin); "-" is compared as
/// the file standard input reads. Writing the report there would destroy the input.
void refuse_output_onto_inputs(const std::string& output, const std::vector<std::string>& inputs);

/// Standard output through an FdBuffer for as long as it lives, with SIGPIPE ignored, so that
/// a reader that stops early (`| head`) is told apart from a failed write.
class StandardOutput {
  public:
    StandardOutput();
    ~StandardOutput();  ///< flushes and gives std::cout its own buffer back
    StandardOutput(const StandardOutput&) = delete;
    StandardOutput& operator=(const StandardOutput&) = delete;
};

/// Flushes std::cout; OutputError if the report could not be written there. A reader that
/// has gone (EPIPE) wanted no more: that is not an error, as in other filters.
void finish_standard_output();

}  // namespace eduqb::cli
