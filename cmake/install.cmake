# What `cmake --install` puts in place, in two components:
#   runtime      the eduqb program, its manual page (written from its --help at build time),
#                bash and zsh completions, README.md and docs/ (with their images)
#   development  the eduqb_core library and the headers of include/eduqb/, exported for
#                find_package(eduqb) as eduqb::core
# The built-in profiles are compiled into the program (cmake/embed_profiles.cmake): profiles/
# is not installed. Included from the top-level CMakeLists.txt once the targets exist.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS eduqb RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)

# The manual page: built with the program, from its own --help texts.
find_program(EDUQB_GZIP gzip)
set(EDUQB_MAN_PAGE ${CMAKE_CURRENT_BINARY_DIR}/eduqb.1)
set(EDUQB_MAN_OUTPUTS ${EDUQB_MAN_PAGE})
if(EDUQB_GZIP)
  list(APPEND EDUQB_MAN_OUTPUTS ${EDUQB_MAN_PAGE}.gz)
endif()
file(GLOB EDUQB_DOCS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/docs/*.md)
add_custom_command(
  OUTPUT ${EDUQB_MAN_OUTPUTS}
  COMMAND ${CMAKE_COMMAND} -DEDUQB=$<TARGET_FILE:eduqb> -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}
          -DOUTPUT=${EDUQB_MAN_PAGE} -DGZIP=${EDUQB_GZIP}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/man_page.cmake
  DEPENDS eduqb ${CMAKE_CURRENT_SOURCE_DIR}/cmake/man_page.cmake
          ${CMAKE_CURRENT_SOURCE_DIR}/README.md ${EDUQB_DOCS}
  COMMENT "Writing the manual page eduqb.1 from eduqb --help"
  VERBATIM)
add_custom_target(eduqb_man_page ALL DEPENDS ${EDUQB_MAN_OUTPUTS})
if(EDUQB_GZIP)
  install(FILES ${EDUQB_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
else()
  install(FILES ${EDUQB_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
endif()

install(FILES completions/eduqb.bash RENAME eduqb
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT runtime)
install(FILES completions/eduqb.zsh RENAME _eduqb
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT runtime)

# README.md beside docs/, as in the repository, so that the links between them work.
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES ${EDUQB_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT runtime)
install(DIRECTORY docs/images/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs/images
        COMPONENT runtime FILES_MATCHING PATTERN "*.png")

# The library. It is static: a program linking it needs the threads library (and libdl) too,
# and loads libxlsxwriter, libzip, libexpat and FreeXL at run time by their sonames, as eduqb
# does. What eduqb_core needs only to be built is left out of the export ($<BUILD_INTERFACE:>
# in CMakeLists.txt).
set_target_properties(eduqb_core PROPERTIES EXPORT_NAME core)
install(TARGETS eduqb_core EXPORT eduqbTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/eduqb DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
        FILES_MATCHING PATTERN "*.hpp")
set(EDUQB_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/eduqb)
install(EXPORT eduqbTargets NAMESPACE eduqb:: DESTINATION ${EDUQB_CMAKE_DIR}
        COMPONENT development)
# eduqbConfig.cmake finds the packages whose targets the exported link interface names.
get_target_property(EDUQB_EXPORTED_LINKS eduqb_core INTERFACE_LINK_LIBRARIES)
string(REGEX REPLACE "\\$<BUILD_INTERFACE:[^>]*>" "" EDUQB_EXPORTED_LINKS "${EDUQB_EXPORTED_LINKS}")
set(EDUQB_CONFIG_DEPENDENCIES "")
foreach(package Threads fmt tomlplusplus)
  if(EDUQB_EXPORTED_LINKS MATCHES "(^|[;:<])${package}::")
    string(APPEND EDUQB_CONFIG_DEPENDENCIES "find_dependency(${package})\n")
  endif()
endforeach()
configure_package_config_file(cmake/eduqbConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/eduqbConfig.cmake INSTALL_DESTINATION ${EDUQB_CMAKE_DIR})
# 0.x: a new minor version may change the headers.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/eduqbConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/eduqbConfig.cmake
        ${CMAKE_CURRENT_BINARY_DIR}/eduqbConfigVersion.cmake
        DESTINATION ${EDUQB_CMAKE_DIR} COMPONENT development)
