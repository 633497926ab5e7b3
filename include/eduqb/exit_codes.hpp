#pragma once
// The process exit codes, decided once; docs/exit-codes.md documents them.

namespace eduqb {

enum ExitCode : int {
    kExitOk = 0,            ///< Computed (whatever the verdict), or the command did what was asked.
    kExitInternal = 1,      ///< A bug: an unexpected exception escaped.
    kExitUsage = 2,         ///< Bad command line: unknown option, profile or format.
    kExitInput = 3,         ///< Input unreadable or invalid; `validate` found errors.
    kExitOutput = 4,        ///< A report could not be written.
    kExitNoncompliant = 5,  ///< With --fail-on-noncompliance: some group failed its standards.
};

}  // namespace eduqb
