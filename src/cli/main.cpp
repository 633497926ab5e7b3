#include "cli.hpp"

int main(int argc, char** argv) {
    return eduqb::cli::run(argc, argv);
}
