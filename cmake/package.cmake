# The Debian packages, `cpack -G DEB` in the build directory: eduqb (the runtime component of
# cmake/install.cmake: the program, its manual page, completions and documentation) and
# eduqb-dev (the development component: the library and headers for find_package(eduqb)).
set(EDUQB_PACKAGE_MAINTAINER "" CACHE STRING
  "Maintainer of the Debian packages, 'Name <address>' (default: from DEBFULLNAME and DEBEMAIL)")

# The Debian dependency on the package that holds a shared library, given by its soname, as
# that package's shlibs file states it ("libzip4 (>= 1.7.3)"): what dpkg-shlibdeps would have
# written had eduqb linked the library instead of loading it at run time. Without dpkg, the
# package is named as Debian names library packages (libzip.so.4: libzip4).
function(eduqb_debian_dependency soname out)
  find_program(EDUQB_DPKG_QUERY dpkg-query)
  mark_as_advanced(EDUQB_DPKG_QUERY)
  string(REGEX REPLACE "\\.so\\.?" ";" parts "${soname}")  # libzip;4
  list(GET parts 0 name)
  list(LENGTH parts count)
  set(version "")
  if(count GREATER 1)
    list(GET parts 1 version)
  endif()
  set(package "")
  set(dependency "")
  if(EDUQB_DPKG_QUERY)
    # "libzip4:amd64: /usr/lib/x86_64-linux-gnu/libzip.so.4", one line per copy installed:
    # the one of this architecture's library directory.
    execute_process(COMMAND ${EDUQB_DPKG_QUERY} -S "*/${soname}" OUTPUT_VARIABLE owners
                    ERROR_QUIET)
    string(REGEX REPLACE "([.+])" "\\\\\\1" soname_pattern "${soname}")
    set(path_pattern "[^\n]*/${CMAKE_LIBRARY_ARCHITECTURE}/${soname_pattern}")
    string(REGEX MATCH "([^\n]*): ${path_pattern}\n" line "${owners}")
    if(NOT line)
      string(REGEX MATCH "^([^\n]*): " line "${owners}")
    endif()
    string(REGEX REPLACE ",.*" "" package "${CMAKE_MATCH_1}")  # libzip4:amd64
    if(package)
      execute_process(COMMAND ${EDUQB_DPKG_QUERY} --control-path ${package} shlibs
                      OUTPUT_VARIABLE shlibs OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      if(shlibs AND EXISTS "${shlibs}")
        file(READ "${shlibs}" shlibs)
        string(REGEX REPLACE "([.+])" "\\\\\\1" name_pattern "${name}")
        string(REGEX MATCH "(^|\n)${name_pattern} ${version} ([^\n]+)" line "${shlibs}")
        set(dependency "${CMAKE_MATCH_2}")
      endif()
      string(REGEX REPLACE ":.*" "" package "${package}")
    endif()
  endif()
  if(NOT package)
    set(package "${name}")
    if(name MATCHES "[0-9]$" AND NOT version STREQUAL "")
      string(APPEND package "-")
    endif()
    string(APPEND package "${version}")
    string(REPLACE "_" "-" package "${package}")
    string(TOLOWER "${package}" package)
  endif()
  if(NOT dependency)
    set(dependency "${package}")
  endif()
  set(${out} "${dependency}" PARENT_SCOPE)
endfunction()

# Loaded at run time by soname (the top-level CMakeLists.txt reads them from the libraries):
# dpkg-shlibdeps cannot see them in the program.
set(EDUQB_LOADED_DEPENDS "")
foreach(soname ${XLSXWRITER_SONAME} ${LIBZIP_SONAME} ${EXPAT_SONAME} ${FREEXL_SONAME})
  eduqb_debian_dependency(${soname} dependency)
  list(APPEND EDUQB_LOADED_DEPENDS "${dependency}")
endforeach()
list(JOIN EDUQB_LOADED_DEPENDS ", " EDUQB_LOADED_DEPENDS)

if(EDUQB_PACKAGE_MAINTAINER)
  set(CPACK_PACKAGE_CONTACT "${EDUQB_PACKAGE_MAINTAINER}")
elseif(DEFINED ENV{DEBEMAIL})
  set(CPACK_PACKAGE_CONTACT "$ENV{DEBFULLNAME} <$ENV{DEBEMAIL}>")
else()
  set(CPACK_PACKAGE_CONTACT "eduqb maintainers <eduqb@example.org>")
endif()

# TEXT reflowed into lines of at most 79 bytes, as Debian's descriptions want (a Chinese
# character counts three bytes: such lines come out shorter).
function(eduqb_wrap text out)
  string(REGEX REPLACE "[ \n]+" " " text "${text}")
  string(STRIP "${text}" text)
  set(result "")
  set(line "")
  while(NOT text STREQUAL "")
    string(FIND "${text}" " " end)
    if(end EQUAL -1)
      set(word "${text}")
      set(text "")
    else()
      string(SUBSTRING "${text}" 0 ${end} word)
      math(EXPR end "${end} + 1")
      string(SUBSTRING "${text}" ${end} -1 text)
    endif()
    string(LENGTH "${line} ${word}" length)
    if(line STREQUAL "")
      set(line "${word}")
    elseif(length GREATER 79)
      string(APPEND result "${line}\n")
      set(line "${word}")
    else()
      string(APPEND line " ${word}")
    endif()
  endwhile()
  set(${out} "${result}${line}" PARENT_SCOPE)
endfunction()

# README.md's first paragraph: the long description of the eduqb package.
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/README.md EDUQB_README)
string(REGEX MATCH "^# [^\n]*\n+([^\n]+(\n[^\n]+)*)" EDUQB_README "${EDUQB_README}")
string(REPLACE "`" "" EDUQB_README "${CMAKE_MATCH_1}")
eduqb_wrap("${EDUQB_README}" EDUQB_README)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME eduqb)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME eduqb)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "${EDUQB_LOADED_DEPENDS}")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME eduqb-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "${EDUQB_LOADED_DEPENDS}")
# Each package's description: its summary line, then the long description.
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "evaluation of balanced development of compulsory education (China)\n${EDUQB_README}")
eduqb_wrap("The library behind the eduqb program, to read school statistics, evaluate them
  against a standards profile and render the report from a C++17 program (eduqb/pipeline.hpp,
  eduqb/render.hpp). CMake projects use it with find_package(eduqb) and the target
  eduqb::core; see /usr/share/doc/eduqb/docs/library.md in the eduqb package."
  EDUQB_DEV_DESCRIPTION)
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
  "library and headers of eduqb, for find_package(eduqb) in CMake\n${EDUQB_DEV_DESCRIPTION}")
include(CPack)
