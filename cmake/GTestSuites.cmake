# rb_gtest_suites(TARGET PREFIX p [LABELS l...] [SPLIT pattern label] [PROPERTIES k v...])
#
# Registers a GoogleTest program with CTest as one entry per test suite (`p.Suite`), not one
# per test: a suite's SetUpTestSuite (a sample made by its script, a LibreOffice profile)
# then runs once, and a few dozen processes start instead of hundreds. The suites are listed
# from the built program (`--gtest_list_tests`) after each link, as gtest_discover_tests does.
#
# SPLIT: tests whose full name contains `pattern` go to a second entry per suite,
# `p.Suite.<label>`, labelled `<label>` instead of LABELS (the LibreOffice checks).
# A cross-compiled program runs through the target's CROSSCOMPILING_EMULATOR.
set(RB_GTEST_SUITES_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/GTestSuitesAdd.cmake)

function(rb_gtest_suites target)
  cmake_parse_arguments(A "" "PREFIX" "LABELS;SPLIT;PROPERTIES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake)
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_suites_include.cmake)
  list(GET A_SPLIT 0 split_pattern)
  list(GET A_SPLIT 1 split_label)
  if(NOT A_SPLIT)
    set(split_pattern "")
    set(split_label "")
  endif()
  get_property(emulator TARGET ${target} PROPERTY CROSSCOMPILING_EMULATOR)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND}
      -D "EXE=$<TARGET_FILE:${target}>"
      -D "EMULATOR=${emulator}"
      -D "PREFIX=${A_PREFIX}"
      -D "LABELS=${A_LABELS}"
      -D "SPLIT_PATTERN=${split_pattern}"
      -D "SPLIT_LABEL=${split_label}"
      -D "PROPERTIES=${A_PROPERTIES}"
      -D "OUT=${out}"
      -P ${RB_GTEST_SUITES_SCRIPT}
    BYPRODUCTS ${out}
    VERBATIM)
  file(WRITE ${include_file}
    "if(EXISTS \"${out}\")\n  include(\"${out}\")\nelse()\n"
    "  add_test(${A_PREFIX}NOT_BUILT ${CMAKE_COMMAND} -E false)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
