#!/usr/bin/env bash
# The whole suite again, GUI included, built with clang under AddressSanitizer +
# UndefinedBehaviorSanitizer (cmake/Sanitizers.cmake; runtime options and leak suppressions in
# tests/sanitizers/), plus the libFuzzer targets, each run for RB_FUZZ_SECONDS over its seeds
# (label fuzz). Left out: the package test (it builds a .deb of release binaries) and the
# benchmarks (timings mean nothing under sanitizers). -O1 -g1: the fastest build and run that
# still gives sanitizer reports with file and line. A unity build with precompiled headers (the
# build is made from scratch in CI). `./test` runs this after the GCC suite; by hand, run it
# after `packaging/debian-deps.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
umask 022
if [ -f build-asan/CMakeCache.txt ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' build-asan/CMakeCache.txt; then
  rm -rf build-asan
fi
CC=clang CXX=clang++ cmake -G Ninja -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRB_UNITY_BUILD=ON \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DRB_SANITIZE=ON -DRB_BUILD_FUZZERS=ON -DRB_FUZZ_SECONDS="${RB_FUZZ_SECONDS:-60}" -DRB_BUILD_BENCHMARKS=OFF \
  -DRB_BUILD_GUI=ON -DRB_WARNINGS_AS_ERRORS=ON -DRB_PRECOMPILE_HEADERS=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
. tests/sanitizers/env.sh
cd build-asan
ctest --output-on-failure -j"$(nproc)" -LE '^(package|bench)$' "$@"
