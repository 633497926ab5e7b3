#!/usr/bin/env bash
# eduqb as its users get it: `cmake --install` into a scratch DESTDIR, the Debian packages of
# `cpack -G DEB` unpacked into a scratch root, and a program built with find_package(eduqb)
# against the installed library (tests/install/consumer/). Each must write the same reports as
# the build tree's eduqb; the manual page must render without warnings; the packages must
# depend on the libraries eduqb loads at run time.
# Usage: install.test.sh [BUILD_DIR [SOURCE_DIR]]
#   Without BUILD_DIR, configures and builds build/ (Release) in the source tree first.
#   CMAKE and CPACK name the programs (default: cmake, cpack from PATH).
#   Exits 77, which ctest counts as skipped, when a tool it needs is missing (cpack, dpkg-deb,
#   dpkg-shlibdeps and file, Debian packages cmake, dpkg and dpkg-dev, file) or when the build
#   is instrumented by a sanitizer.
set -u
source_dir=$(cd "${2:-$(dirname "$0")/../..}" && pwd)
cmake=${CMAKE:-cmake}
cpack=${CPACK:-cpack}
skip() {
  echo "skip: $*"
  exit 77
}
for tool in "$cmake" "$cpack" dpkg-deb dpkg-shlibdeps dpkg-query file; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done

if [ $# -ge 1 ]; then
  build_dir=$(cd "$1" && pwd)
else
  build_dir=$source_dir/build
  "$cmake" -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null &&
    "$cmake" --build "$build_dir" || exit 1
fi
cache=$build_dir/CMakeCache.txt
cached() { sed -n "s/^$1:[A-Z]*=//p" "$cache"; }
for option in EDUQB_SANITIZE EDUQB_TSAN EDUQB_FUZZ; do
  [ "$(cached "$option")" = ON ] && skip "$option build: its library needs the sanitizer runtime"
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600
cd "$source_dir" || exit 1
failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# What the build tree's eduqb writes: every installed copy must write the same.
reports() {
  local eduqb=$1 out=$2
  "$eduqb" --version >"$out.version" 2>&1
  "$eduqb" compute data-samples/district.csv >"$out.md" 2>&1
  "$eduqb" compute data-samples/city.csv --level school --format csv >"$out.csv" 2>&1
  # Workbooks: libzip and expat, FreeXL, loaded at run time.
  "$eduqb" validate tests/data/workbooks/schools.xlsx --sheet 2 >"$out.xlsx-read" 2>&1
  "$eduqb" validate tests/data/workbooks/schools.xls --sheet 2 >"$out.xls-read" 2>&1
  # XLSX reports: libxlsxwriter, loaded at run time.
  "$eduqb" compute data-samples/district.csv -o "$out.xlsx" >"$out.xlsx-write" 2>&1
  echo "$?" >>"$out.xlsx-write"
}
same_reports() {
  local name=$1 eduqb=$2 kind
  reports "$eduqb" "$TMP/$name"
  for kind in version md csv xlsx-read xls-read xlsx-write; do
    if ! cmp -s "$TMP/expected.$kind" "$TMP/$name.$kind"; then
      fail "$name: $eduqb writes another $kind than $build_dir/eduqb:"
      diff "$TMP/expected.$kind" "$TMP/$name.$kind" | head -5
    fi
  done
  [ -s "$TMP/$name.xlsx" ] || fail "$name: $eduqb wrote no XLSX report"
}
reports "$build_dir/eduqb" "$TMP/expected"

# cmake --install into a scratch DESTDIR.
stage=$TMP/stage
if ! DESTDIR=$stage "$cmake" --install "$build_dir" --prefix /usr >"$TMP/install.log" 2>&1; then
  cat "$TMP/install.log"
  fail "cmake --install"
fi
prefix=$stage/usr
libdir=$(cached CMAKE_INSTALL_LIBDIR)
expected_files=(
  bin/eduqb
  share/bash-completion/completions/eduqb
  share/zsh/vendor-completions/_eduqb
  share/doc/eduqb/README.md
  "$libdir/libeduqb_core.a"
  "$libdir/cmake/eduqb/eduqbConfig.cmake"
  "$libdir/cmake/eduqb/eduqbConfigVersion.cmake"
  "$libdir/cmake/eduqb/eduqbTargets.cmake"
)
for doc in docs/*.md; do expected_files+=("share/doc/eduqb/$doc"); done
for header in include/eduqb/*.hpp; do
  expected_files+=("$header")
  cmp -s "$header" "$prefix/$header" || fail "install: $header differs or is missing"
done
for file in "${expected_files[@]}"; do
  [ -f "$prefix/$file" ] || fail "install: no $file"
done
man_page=$(find "$prefix/share/man/man1" -name 'eduqb.1*' 2>/dev/null | head -1)
[ -n "$man_page" ] || fail "install: no share/man/man1/eduqb.1"
# The built-in profiles are compiled in: no profile file is installed.
find "$stage" -name '*.toml' | grep -q . && fail "install: a profile file was installed"
same_reports installed "$prefix/bin/eduqb"

# The manual page renders without a warning, and has a section for every command.
if [ -n "$man_page" ]; then
  page=$TMP/eduqb.1
  case $man_page in
    *.gz) gzip -dc "$man_page" >"$page" ;;
    *) cp "$man_page" "$page" ;;
  esac
  checked=yes
  if command -v man >/dev/null; then
    MANWIDTH=100 man --warnings=w -E UTF-8 -l "$page" >"$TMP/man.txt" 2>"$TMP/man.err"
  elif command -v groff >/dev/null; then
    preconv "$page" | groff -man -Tutf8 -ww >"$TMP/man.txt" 2>"$TMP/man.err"
  elif command -v mandoc >/dev/null; then
    mandoc -T lint "$page" >"$TMP/man.err" 2>&1
    mandoc -T utf8 "$page" >"$TMP/man.txt"
  else
    checked=no
    echo "note: no man, groff or mandoc: the manual page is not rendered"
  fi
  if [ "$checked" = yes ]; then
    if [ -s "$TMP/man.err" ]; then
      fail "man: warnings rendering the manual page:"
      head -5 "$TMP/man.err"
    fi
    for command in compute gaps validate template profiles "profiles show"; do
      grep -q "^ *eduqb $command\$" "$TMP/man.txt" || fail "man: no section for eduqb $command"
    done
    for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" "SEE ALSO"; do
      grep -q "^$section\$" "$TMP/man.txt" || fail "man: no $section section"
    done
  fi
fi

# The installed headers include nothing but each other and the standard library's.
cxx=$(cached CMAKE_CXX_COMPILER)
for header in include/eduqb/*.hpp; do echo "#include <eduqb/${header##*/}>"; done >"$TMP/headers.cpp"
"$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -I"$prefix/include" "$TMP/headers.cpp" ||
  fail "install: the installed headers do not compile on their own"

# A program built against the installed library with find_package(eduqb).
consumer=$TMP/consumer
generator=$(cached CMAKE_GENERATOR)
if ! "$cmake" -S tests/install/consumer -B "$consumer" -G "$generator" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
  >"$TMP/consumer.log" 2>&1 || ! "$cmake" --build "$consumer" >>"$TMP/consumer.log" 2>&1; then
  tail -20 "$TMP/consumer.log"
  fail "consumer: cannot build tests/install/consumer against the installed eduqb"
else
  found=$(sed -n 's/^eduqb_DIR:[A-Z]*=//p' "$consumer/CMakeCache.txt")
  [ "$found" = "$prefix/$libdir/cmake/eduqb" ] || fail "consumer: found eduqb in $found"
  "$consumer/district_report" data-samples/district.csv >"$TMP/consumer.md" 2>&1
  cmp -s "$TMP/expected.md" "$TMP/consumer.md" ||
    fail "consumer: its report differs from eduqb compute's: $(diff "$TMP/expected.md" "$TMP/consumer.md" | head -3)"
fi

# The Debian packages.
if ! "$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$TMP/deb" >"$TMP/cpack.log" 2>&1; then
  tail -20 "$TMP/cpack.log"
  fail "cpack -G DEB"
fi
deb=$(ls "$TMP"/deb/eduqb_*.deb 2>/dev/null)
dev=$(ls "$TMP"/deb/eduqb-dev_*.deb 2>/dev/null)
if [ -z "$deb" ] || [ -z "$dev" ]; then
  fail "cpack made no eduqb_*.deb and eduqb-dev_*.deb: $(ls "$TMP/deb")"
else
  root=$TMP/root
  dpkg-deb -x "$deb" "$root"
  same_reports deb "$root/usr/bin/eduqb"
  [ -f "$root/usr/share/man/man1/eduqb.1.gz" ] || [ -f "$root/usr/share/man/man1/eduqb.1" ] ||
    fail "deb: no manual page"
  [ -f "$root/usr/share/bash-completion/completions/eduqb" ] || fail "deb: no bash completion"
  dpkg-deb -c "$deb" >"$TMP/deb.contents"
  dpkg-deb -c "$dev" >"$TMP/dev.contents"
  grep -q -e '/include/' -e '\.a$' "$TMP/deb.contents" && fail "deb: eduqb holds the library"
  for file in usr/include/eduqb/pipeline.hpp "usr/$libdir/libeduqb_core.a" \
    "usr/$libdir/cmake/eduqb/eduqbConfig.cmake"; do
    grep -q " \./$file\$" "$TMP/dev.contents" || fail "deb: eduqb-dev has no /$file"
  done
  grep -q ' \./usr/local/' "$TMP/deb.contents" "$TMP/dev.contents" &&
    fail "deb: a package installs in /usr/local"
  # Depends: the C library (dpkg-shlibdeps) and the packages holding the libraries eduqb loads
  # at run time, found here from the library files CMake found.
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "Depends: $depends"
  wanted=(libc6)
  for variable in XLSXWRITER_LIBRARY LIBZIP_LIBRARY EXPAT_LIBRARY FREEXL_LIBRARY; do
    library=$(readlink -f "$(cached "$variable")")
    owner=$(dpkg-query -S "$library" 2>/dev/null || dpkg-query -S "${library#/usr}" 2>/dev/null)
    [ -n "$owner" ] || fail "deb: no package holds $library ($variable)"
    wanted+=("${owner%%[:,]*}")
  done
  for package in "${wanted[@]}"; do
    [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] ||
      fail "deb: Depends lacks $package"
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "install, consumer and Debian packages: all checks passed"
