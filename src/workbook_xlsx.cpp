#include "eduqb/error.hpp"
#include "eduqb/workbook.hpp"

namespace eduqb {

std::unique_ptr<Workbook> open_xlsx_file(const std::string&, const std::string& name,
                                         const WorkbookLimits&) {
    throw InputError(Location{name, 0, 0}, "reading .xlsx workbooks is not built yet");
}
std::unique_ptr<Workbook> open_xlsx_bytes(std::string_view, const std::string& name,
                                          const WorkbookLimits&) {
    throw InputError(Location{name, 0, 0}, "reading .xlsx workbooks is not built yet");
}

}  // namespace eduqb
