#pragma once
// The inputs of `eduqb rotate`, held in memory: where each section's teacher counts are in its
// input row, and the inputs again with a plan's counts written into those cells and every
// other byte as it was (the --adjusted file, and what the plan's "after" figures are computed
// from).

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/pipeline.hpp"
#include "eduqb/rotate.hpp"
#include "input/normalise.hpp"

namespace eduqb {

class RotateInputs {
  public:
    /// Reads each source whole (a workbook's source is its sheet as CSV text). UsageError for
    /// a UTF-16 input, whose cells cannot be rewritten byte for byte.
    RotateInputs(const std::vector<InputSource>& sources, const ReadOptions& read);
    ~RotateInputs();

    /// The inputs, served from memory: read them instead of the originals.
    const std::vector<InputSource>& sources() const { return sources_; }
    /// Finds each input's header and the teacher cells of its rows. Call once the inputs have
    /// been read and checked (their problems are reported there, not here).
    void index_cells();
    /// A section's teacher counts as its input row gives them; a count is editable when it is
    /// one cell of that row in persons, and not split between a combined school's sections.
    TeacherCounts counts(const SchoolResult& school, const Profile& profile) const;
    /// The text of input `file` with the changes to it written in.
    std::string adjusted_text(std::size_t file, const std::vector<CountChange>& changes) const;
    /// The inputs with the changes written in, as sources to read (kept alive by this).
    const std::vector<InputSource>& adjusted_sources(const std::vector<CountChange>& changes);

  private:
    /// The teacher cells of one input: per record line, the text of each kTeacherColumns cell.
    struct Cells {
        std::unique_ptr<HeaderMap> header;
        std::map<long, std::array<std::string, 5>> rows;
    };
    Cells index_input(std::size_t file) const;

    ReadOptions read_;
    std::vector<std::string> texts_;
    std::vector<InputSource> sources_;
    std::vector<std::unique_ptr<std::istringstream>> streams_;
    std::vector<Cells> cells_;
    std::vector<std::string> adjusted_texts_;
    std::vector<std::unique_ptr<std::istringstream>> adjusted_streams_;
    std::vector<InputSource> adjusted_sources_;
};

}  // namespace eduqb
