# `cmake --install`: nashr in bin/, its modules in lib/nashr/, its data in share/nashr/ (found relative to the executable,
# src/base/data_dirs.h), the man page and bash completion; `cpack` makes a Debian package of it.
include(GNUInstallDirs)
install(TARGETS nashr RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The modules (src/base/loadable_module.h): poppler for render and diff, libqpdf for PDF figures and
# subscriber copies, found relative to the executable.
install(TARGETS nashr_preview nashr_qpdf LIBRARY DESTINATION lib/nashr)
install(DIRECTORY fonts styles schema DESTINATION ${CMAKE_INSTALL_DATADIR}/nashr
        PATTERN "SHA256SUMS" EXCLUDE)
install(FILES dist/nashr.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES dist/nashr.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME nashr)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME nashr)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "typesets XML reports mixing Persian and Latin text into PDF issues")
set(CPACK_PACKAGE_CONTACT "nashr maintainers <nashr@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # nashr_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION text)
# The shared libraries nashr links (ICU, HarfBuzz, FreeType, libharu, …) become Depends through
# dpkg-shlibdeps, with the versions this system's packages need.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The English hyphenation patterns are data, read at run time (src/linebreak/hyphenation.h).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hyphen-en-us")
include(CPack)
