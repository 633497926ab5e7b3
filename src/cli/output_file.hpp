#pragma once
// Reports reach their file whole or not at all: written to a temporary file beside the
// target, then renamed over it. On any error the previous file is untouched. A device or FIFO
// (/dev/stdout, a pipe) cannot be renamed over and is written straight into.

#include <fstream>
#include <string>

namespace eduqb::cli {

class AtomicOutputFile {
  public:
    /// Creates the temporary file; OutputError (with the path) if that is impossible.
    explicit AtomicOutputFile(std::string path);
    ~AtomicOutputFile();  ///< removes the temporary file unless commit() succeeded
    AtomicOutputFile(const AtomicOutputFile&) = delete;
    AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

    std::ostream& stream() { return stream_; }
    /// The temporary file, for writers that open files themselves (libxlsxwriter). Such a
    /// writer replaces the file's content; write nothing through stream() then.
    const std::string& temp_path() const { return temp_path_; }
    /// Flushes, syncs and renames onto the target; OutputError if any step fails.
    void commit();

  private:
    std::string path_;         ///< as the user gave it, for messages
    std::string target_path_;  ///< the file renamed onto: path_ with symlinks resolved
    std::string temp_path_;
    bool direct_ = false;  ///< a device or FIFO, written straight into
    std::ofstream stream_;
    bool committed_ = false;
};

/// True when `output` names the same file as one of `inputs` (refused: it would destroy input).
bool same_file(const std::string& output, const std::string& input);

}  // namespace eduqb::cli
