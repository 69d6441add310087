# Precompiled headers (RB_PRECOMPILE_HEADERS), for the sanitizer build that CI makes from
# scratch: the standard library, GoogleTest and wxWidgets headers are parsed once per target
# instead of once per batch. Off by default. (Neither this nor a unity build proves that every
# file includes what it uses; a build with both off, the default, does.)
#
# Applied after all targets exist: every GoogleTest executable (test_*) gets the standard
# headers and GoogleTest, the desktop library and its tests get wxWidgets as well.
set(rb_pch_std <string> <string_view> <vector> <map> <set> <optional> <memory> <functional>
               <algorithm> <filesystem> <fstream> <sstream> <chrono>)

function(rb_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    rb_collect_targets(${sub} sub_targets)
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

rb_collect_targets(${PROJECT_SOURCE_DIR} rb_all_targets)
foreach(t IN LISTS rb_all_targets)
  get_target_property(type ${t} TYPE)
  set(headers)
  if(t MATCHES "^test_" AND type STREQUAL "EXECUTABLE")
    set(headers ${rb_pch_std} <gtest/gtest.h>)
  endif()
  if(t STREQUAL "rb_desktop" OR t STREQUAL "test_gui")
    list(APPEND headers ${rb_pch_std} <wx/wx.h>)
  endif()
  if(headers)
    list(REMOVE_DUPLICATES headers)
    target_precompile_headers(${t} PRIVATE ${headers})  # C++ targets only
  endif()
endforeach()
