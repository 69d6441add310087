# Runtime options for a build made with RB_SANITIZE=ON. Source it before ctest:
#   . tests/sanitizers/env.sh && (cd build-asan && ctest)
# Every error stops the program with a stack: ASan always does; UBSan is told to (and the
# build already compiles it without recovery); leaks are reported at exit. Only leaks inside
# system libraries are suppressed, each with its reason, in lsan.supp.
_rb_san_dir="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)"
export ASAN_OPTIONS="detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_odr_violation=2${RB_EXTRA_ASAN_OPTIONS:+:$RB_EXTRA_ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
export LSAN_OPTIONS="suppressions=${_rb_san_dir}/lsan.supp:print_suppressions=0"
unset _rb_san_dir
