#include <ios>

#include "cli.hpp"

int main(int argc, char** argv) {
    // Reports go through std::cout and standard input comes through std::cin: unsynchronised
    // with C stdio, they are buffered like any stream. The progress bar's stdio writes go to
    // stderr, which std::cerr still flushes after every write (unitbuf).
    std::ios::sync_with_stdio(false);
    return eduqb::cli::run(argc, argv);
}
