// The process the crash test kills. It writes, over and over, one of two versions of a report
// and says on stdout when each write starts and ends ("S <n>\n", "D <n>\n"; write n is of
// version n % 2), so that the test knows which versions the file may hold when it is killed.
//
//   rb_crash_writer save <target.rbr> <a.rbr> <b.rbr>
//       report::save of a, b, a, ... to target.
//   rb_crash_writer journal <journal dir> <plugin dir> <a.rbr> <indicator> <value a> <value b>
//       an EditSession over a.rbr whose indicator is set to value b, a, b, ... and journaled
//       after each change (write n journals the value of version n % 2).
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "plugin/registry.hpp"
#include "report/report.hpp"
#include "session/edit_session.hpp"
#include "session/journal.hpp"

namespace {

void say(char what, unsigned long n) {
    char line[32];
    const int len = std::snprintf(line, sizeof line, "%c %lu\n", what, n);
    // One small write to a pipe is atomic: the reader never sees half a line.
    if (::write(STDOUT_FILENO, line, static_cast<std::size_t>(len)) != len) ::_exit(5);
}

int fail(const std::string& why) {
    std::fprintf(stderr, "rb_crash_writer: %s\n", why.c_str());
    return 2;
}

int run_save(const std::string& target, const std::string& a_path, const std::string& b_path) {
    auto a = rb::report::load(a_path);
    auto b = rb::report::load(b_path);
    if (!a || !b) return fail(!a ? a.error() : b.error());
    for (unsigned long n = 0;; ++n) {
        say('S', n);
        if (auto ok = rb::report::save(n % 2 ? *b : *a, target); !ok) return fail(ok.error());
        say('D', n);
    }
}

int run_journal(const std::string& dir, const std::string& plugins, const std::string& a_path,
                const std::string& code, const std::string& value_a, const std::string& value_b) {
    const auto registry = rb::plugin::Registry::discover(rb::plugin::SearchPath{{plugins}});
    auto session = rb::session::EditSession::open(registry, a_path);
    if (!session) return fail(session.error());
    rb::session::Journal journal(dir);
    for (unsigned long n = 0;; ++n) {
        // Write 0 journals version 0 (value a): set b first so that the session changes.
        if (n == 0) {
            if (auto ch = (*session)->set_value(code, value_b); !ch) return fail(ch.error());
        }
        if (auto ch = (*session)->set_value(code, n % 2 ? value_b : value_a); !ch) return fail(ch.error());
        say('S', n);
        if (auto ok = journal.write(**session); !ok) return fail(ok.error());
        say('D', n);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::strcmp(argv[1], "save") == 0) return run_save(argv[2], argv[3], argv[4]);
    if (argc == 8 && std::strcmp(argv[1], "journal") == 0)
        return run_journal(argv[2], argv[3], argv[4], argv[5], argv[6], argv[7]);
    return fail("usage: rb_crash_writer save <target> <a> <b> | journal <dir> <plugins> <a> <code> <va> <vb>");
}
