# Windows programs (cross-built with MinGW-w64, packaging/windows/build.sh).
#
# Every program carries an application manifest that makes UTF-8 its code page (Windows 10
# 1903 and later): the libraries that open files by a narrow name (libxml2, libzip,
# libxlsxwriter, spdlog, the C library) then read it as UTF-8, the program's own encoding, and a
# folder named "Báo cáo" is found. The program's own file code uses the UTF-16 API directly.
enable_language(RC)
set(RB_WINDOWS_RC ${PROJECT_SOURCE_DIR}/packaging/windows/program.rc)

# The desktop program's resources add its icons (the program's and a report file's, drawn from
# packaging/icons) and wxWidgets' own to the manifest.
if(TARGET reportbench)
  find_program(RB_RSVG_CONVERT rsvg-convert REQUIRED)
  find_program(RB_IM_CONVERT convert REQUIRED)
  set(RB_ICON_DIR ${CMAKE_BINARY_DIR}/icons)
  set(RB_WINDOWS_MANIFEST ${PROJECT_SOURCE_DIR}/packaging/windows/program.manifest)
  set(rb_icons)
  foreach(icon reportbench reportbench-report)
    set(svg ${PROJECT_SOURCE_DIR}/packaging/icons/${icon}.svg)
    set(pngs)
    set(render)
    foreach(size 16 24 32 48 64 256)
      list(APPEND pngs ${RB_ICON_DIR}/${icon}-${size}.png)
      list(APPEND render COMMAND ${RB_RSVG_CONVERT} -w ${size} -h ${size} -o ${RB_ICON_DIR}/${icon}-${size}.png ${svg})
    endforeach()
    add_custom_command(OUTPUT ${RB_ICON_DIR}/${icon}.ico
      COMMAND ${CMAKE_COMMAND} -E make_directory ${RB_ICON_DIR}
      ${render}
      COMMAND ${RB_IM_CONVERT} ${pngs} ${RB_ICON_DIR}/${icon}.ico
      DEPENDS ${svg} VERBATIM)
    list(APPEND rb_icons ${RB_ICON_DIR}/${icon}.ico)
  endforeach()
  add_custom_target(rb_windows_icons DEPENDS ${rb_icons})
  configure_file(${PROJECT_SOURCE_DIR}/packaging/windows/desktop.rc.in ${CMAKE_BINARY_DIR}/desktop.rc @ONLY)
  set_source_files_properties(${CMAKE_BINARY_DIR}/desktop.rc PROPERTIES OBJECT_DEPENDS "${rb_icons};${RB_WINDOWS_MANIFEST}")
  target_sources(reportbench PRIVATE ${CMAKE_BINARY_DIR}/desktop.rc)
  add_dependencies(reportbench rb_windows_icons)
endif()

function(rb_windows_programs dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE" AND NOT t STREQUAL "reportbench")
      target_sources(${t} PRIVATE ${RB_WINDOWS_RC})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    rb_windows_programs(${sub})
  endforeach()
endfunction()
rb_windows_programs(${PROJECT_SOURCE_DIR})
