# Windows programs (cross-built with MinGW-w64, packaging/windows/build.sh).
#
# Every program carries an application manifest that makes UTF-8 its code page (Windows 10
# 1903 and later): the libraries that open files by a narrow name (libxml2, libzip,
# libxlsxwriter, spdlog, the C library) then read it as UTF-8, the program's own encoding, and a
# folder named "Báo cáo" is found. The program's own file code uses the UTF-16 API directly.
enable_language(RC)
set(RB_WINDOWS_RC ${PROJECT_SOURCE_DIR}/packaging/windows/program.rc)

function(rb_windows_programs dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_sources(${t} PRIVATE ${RB_WINDOWS_RC})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    rb_windows_programs(${sub})
  endforeach()
endfunction()
rb_windows_programs(${PROJECT_SOURCE_DIR})
