# AddressSanitizer + UndefinedBehaviorSanitizer (RB_SANITIZE) and libFuzzer (RB_BUILD_FUZZERS),
# together in one clang build: every library and test is built with ASan+UBSan; with fuzzers on,
# the libraries also get libFuzzer's coverage instrumentation (-fsanitize=fuzzer-no-link) and
# only the fuzz executables link libFuzzer's main (-fsanitize=fuzzer, in tests/fuzz).
option(RB_SANITIZE "Build everything with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
set(RB_FUZZ_SECONDS 60 CACHE STRING "Seconds each fuzz target runs as a CTest test (label fuzz)")

if(RB_SANITIZE)
  # UBSan findings stop the program (no recovery), so a test cannot pass over one; frame
  # pointers keep the fast unwinder's stacks complete. Works with GCC and clang alike.
  set(rb_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${rb_sanitize_flags})
  add_link_options(-fsanitize=address,undefined)
  # Tests that repeat slow real-world work (killing saves of a 2 MB report hundreds of times)
  # repeat it fewer times here: the normal build runs the full count.
  add_compile_definitions(RB_SANITIZED=1)
endif()

if(RB_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RB_BUILD_FUZZERS needs clang (CC=clang CXX=clang++)")
  endif()
  # Coverage-instrumented libraries need the sanitizer runtime in every executable that links
  # them (the tests too): fuzzers come with the sanitizer build, never without it.
  if(NOT RB_SANITIZE)
    message(FATAL_ERROR "RB_BUILD_FUZZERS needs RB_SANITIZE=ON")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Runtime options (ASAN_OPTIONS, UBSAN_OPTIONS, LSAN_OPTIONS with the suppression files) are in
# tests/sanitizers/env.sh: `./test` sources it before running the sanitized suite, and the fuzz
# tests source it through tests/fuzz/run_fuzzer.sh.
