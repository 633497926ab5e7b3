#pragma once
// libzip and libexpat, loaded when the first .xlsx workbook is opened. CSV runs, nearly all of
// them, never read a workbook and should not pay for loading and relocating two more libraries
// at start (as src/report/xlsx_library.hpp does for libxlsxwriter).

#include <expat.h>
#include <zip.h>

#include <string>

namespace eduqb {

// Every libzip function eduqb calls.
#define EDUQB_ZIP_FUNCTIONS(X)  \
    X(zip_discard)              \
    X(zip_error_code_zip)       \
    X(zip_error_fini)           \
    X(zip_error_init)           \
    X(zip_error_init_with_code) \
    X(zip_error_strerror)       \
    X(zip_fclose)               \
    X(zip_file_get_error)       \
    X(zip_fopen_index)          \
    X(zip_fread)                \
    X(zip_get_error)            \
    X(zip_name_locate)          \
    X(zip_open)                 \
    X(zip_open_from_source)     \
    X(zip_source_buffer_create) \
    X(zip_source_free)          \
    X(zip_stat_index)

// Every libexpat function eduqb calls.
#define EDUQB_EXPAT_FUNCTIONS(X)   \
    X(XML_ErrorString)             \
    X(XML_GetBuffer)               \
    X(XML_GetCurrentColumnNumber)  \
    X(XML_GetCurrentLineNumber)    \
    X(XML_GetErrorCode)            \
    X(XML_GetParsingStatus)        \
    X(XML_ParseBuffer)             \
    X(XML_ParserCreate)            \
    X(XML_ParserFree)              \
    X(XML_ResumeParser)            \
    X(XML_SetCharacterDataHandler) \
    X(XML_SetDoctypeDeclHandler)   \
    X(XML_SetElementHandler)       \
    X(XML_SetUserData)             \
    X(XML_StopParser)

struct XlsxReaderLibrary {
#define EDUQB_XLSX_READER_MEMBER(name) decltype(&::name) name = nullptr;
    EDUQB_ZIP_FUNCTIONS(EDUQB_XLSX_READER_MEMBER)
    EDUQB_EXPAT_FUNCTIONS(EDUQB_XLSX_READER_MEMBER)
#undef EDUQB_XLSX_READER_MEMBER
};

/// Both libraries' functions, loaded on the first call; throws InputError naming `file` when
/// one cannot be loaded (then, and on every later call).
const XlsxReaderLibrary& xlsx_reader_library(const std::string& file);

}  // namespace eduqb
