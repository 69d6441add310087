# Packaging: what a Debian desktop needs beyond the programs and their data (menu entry, icons,
# AppStream data, man pages, copyright, changelog), and the CPack set-up that makes two .debs:
#   reportbench      the programs, bundled plugins with their native code, schemas, catalogs
#   reportbench-dev  the plugin SDK (header and CMake package), install component `dev`
# Build them with `cpack -G DEB` in the build folder; see docs/packaging.md.
# Included at the end of the top-level CMakeLists.txt, after every install() rule exists.

set(rb_pkg_src ${PROJECT_SOURCE_DIR}/packaging)
set(rb_pkg_out ${CMAKE_BINARY_DIR}/packaging)
set(RB_PACKAGE_MAINTAINER "ReportBench maintainers <maintainers@reportbench.example>"
    CACHE STRING "Maintainer field of the .deb packages")

# The package version comes from project(); a changelog whose top entry says otherwise would
# ship a package that contradicts itself.
file(STRINGS ${rb_pkg_src}/changelog rb_changelog_head LIMIT_COUNT 1)
if(NOT rb_changelog_head MATCHES "^reportbench \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "packaging/changelog: the top entry is not version ${PROJECT_VERSION}: ${rb_changelog_head}")
endif()

# Debian wants man pages and changelogs compressed with gzip -9n (-n: no name or time stamp,
# so that two builds give the same bytes).
find_program(RB_GZIP gzip REQUIRED)
function(rb_gzip src out)
  get_filename_component(dir ${out} DIRECTORY)
  string(REGEX REPLACE "\\.gz$" "" plain ${out})
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${CMAKE_COMMAND} -E copy ${src} ${plain}
    COMMAND ${RB_GZIP} -9nf ${plain}
    DEPENDS ${src} VERBATIM)
endfunction()

set(rb_pkg_files)
foreach(page reportbench-cli.1 reportbench.1)
  rb_gzip(${rb_pkg_src}/${page} ${rb_pkg_out}/man/${page}.gz)
  list(APPEND rb_pkg_files ${rb_pkg_out}/man/${page}.gz)
endforeach()
rb_gzip(${rb_pkg_src}/changelog ${rb_pkg_out}/doc/changelog.gz)
list(APPEND rb_pkg_files ${rb_pkg_out}/doc/changelog.gz)

install(FILES ${rb_pkg_out}/man/reportbench-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# Every package needs its own copyright and changelog in /usr/share/doc/<package>.
foreach(pkg IN ITEMS reportbench reportbench-dev)
  if(pkg STREQUAL "reportbench-dev")
    set(component dev)
  else()
    set(component Unspecified)
  endif()
  install(FILES ${rb_pkg_src}/copyright ${rb_pkg_out}/doc/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${pkg} COMPONENT ${component})
endforeach()
install(FILES ${rb_pkg_src}/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME reportbench)

# The desktop's menu entry, icons and AppStream data.
if(TARGET reportbench)
  install(FILES ${rb_pkg_out}/man/reportbench.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT desktop)
  install(FILES ${rb_pkg_src}/reportbench.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT desktop)
  install(FILES ${rb_pkg_src}/io.reportbench.ReportBench.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT desktop)
  set(rb_icon_svg ${rb_pkg_src}/icons/reportbench.svg)
  install(FILES ${rb_icon_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT desktop)

  # Bitmaps in the sizes menus, docks and task switchers ask the icon theme for.
  find_program(RB_RSVG_CONVERT rsvg-convert)
  find_program(RB_IM_CONVERT convert)
  set(rb_im_svg OFF)
  if(NOT RB_RSVG_CONVERT AND RB_IM_CONVERT)
    execute_process(COMMAND ${RB_IM_CONVERT} -list format OUTPUT_VARIABLE formats ERROR_QUIET)
    if(formats MATCHES "\n *SVG\\*? ")
      set(rb_im_svg ON)
    endif()
  endif()
  if(RB_RSVG_CONVERT OR rb_im_svg)
    foreach(size 16 22 24 32 48 64 128 256)
      set(png ${rb_pkg_out}/icons/${size}x${size}/reportbench.png)
      if(RB_RSVG_CONVERT)
        set(render ${RB_RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${rb_icon_svg})
      else()
        set(render ${RB_IM_CONVERT} -background none -density 384 ${rb_icon_svg} -resize ${size}x${size} PNG32:${png})
      endif()
      add_custom_command(OUTPUT ${png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${rb_pkg_out}/icons/${size}x${size}
        COMMAND ${render}
        DEPENDS ${rb_icon_svg} VERBATIM)
      list(APPEND rb_pkg_files ${png})
      install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT desktop)
    endforeach()
  else()
    message(WARNING "Neither rsvg-convert (librsvg2-bin) nor an ImageMagick with SVG support: "
                    "the package gets the scalable icon only")
  endif()
endif()
add_custom_target(packaging-files ALL DEPENDS ${rb_pkg_files})

# CPack: one .deb per group of install components.
set(CPACK_PACKAGE_NAME reportbench)
set(CPACK_PACKAGE_VENDOR "ReportBench")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${RB_PACKAGE_MAINTAINER}")
# No CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPack would put it above each package's own synopsis.
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# dpkg-shlibdeps reads the binaries and the plugin's .so and names the library packages.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_APP_PACKAGE_NAME reportbench)
set(CPACK_DEBIAN_APP_PACKAGE_SECTION misc)
# The PDF export lays pages out in Liberation Serif (Times New Roman's metrics); fontconfig would
# silently substitute another font, so the font is a dependency, not a recommendation.
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "fonts-liberation2")
set(CPACK_DEBIAN_APP_DESCRIPTION "workbench for a Vietnamese commune's periodic reports
The staff of a commune People's Committee (UBND xã) prepare their periodic
reports here: administrative reform (CCHC), ISO 9001 quality-system
maintenance and digital transformation, each a plugin.
.
It computes what can be computed, catches contradictions between the
narrative and the appendix, and exports DOCX (laid out per Decree
30/2020/ND-CP), XLSX with live formulas, PDF and the machine-readable
submission (XML, JSON).
.
This package holds the desktop program (reportbench), the command line
(reportbench-cli), the bundled report types with their samples, and the XML
schemas.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME reportbench-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION devel)
# The SDK's header includes Boost.DLL; no binary in it for dpkg-shlibdeps to read.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libboost-dev (>= 1.74)")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "reportbench (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEV_DESCRIPTION "plugin SDK for ReportBench
What a native plugin of ReportBench, the workbench for a Vietnamese
commune's periodic reports, is built against: the plugin API header and the
CMake package, used with find_package(ReportBench) and the target
ReportBench::plugin_api.")

include(CPack)
cpack_add_component_group(app)
cpack_add_component_group(dev)
cpack_add_component(Unspecified GROUP app)
cpack_add_component(desktop GROUP app)
cpack_add_component(dev GROUP dev)

if(RB_BUILD_TESTS)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/packaging ${CMAKE_BINARY_DIR}/tests/packaging)
endif()
