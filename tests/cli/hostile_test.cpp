// Hostile input through the real program: numbers beyond 64 bits (typed, in a report file, in
// a submission), text with control characters and invalid UTF-8 in every text a user can set,
// a report of a type that is not installed, plugin folders others can write to, and a plugin
// in the working directory. Each gets a clear message naming what and where; files refused
// are left byte for byte as they were.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <regex>
#include <thread>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

namespace fs = std::filesystem;
const std::string kCchcPath = std::string(RB_SOURCE_DIR) + "/plugins/cchc";
const std::string kSample = kCchcPath + "/samples/phuong-dinh-2024-q1.rbr";

fs::path copy_cchc_sample(const Sandbox& box, const std::string& name) {
    const fs::path to = box.path(name);
    rb::test::copy_over(kSample, to);
    return to;
}

const std::vector<std::string> kBeyond64 = {"99999999999999999999", "-99999999999999999999", "18446744073709551616",
                                            "9223372036854775808", "1" + std::string(400, '0')};

TEST(CliHostile, NumbersBeyond64BitsTypedWithSetAreRefusedAndTheFileKept) {
    Sandbox box;
    const auto path = copy_cchc_sample(box, "r.rbr");
    const std::string before = slurp(path);
    for (const auto& n : kBeyond64) {
        const auto r = box.cli({"set", path.string(), "I.1=" + n});
        EXPECT_NE(r.exit_code, 0) << n;
        EXPECT_NE(r.err.find("I.1"), std::string::npos) << n << ": " << r.err;
        EXPECT_EQ(slurp(path), before) << n;
    }
}

TEST(CliHostile, NumbersBeyond64BitsInAReportFileAreErrorsNamingTheIndicator) {
    Sandbox box;
    const auto path = copy_cchc_sample(box, "r.rbr");
    std::string text = slurp(path);
    const std::string from = "<value code=\"I.1\">12</value>";
    ASSERT_NE(text.find(from), std::string::npos);
    for (const auto& n : kBeyond64) {
        std::string t = text;
        t.replace(t.find(from), from.size(), "<value code=\"I.1\">" + n + "</value>");
        std::ofstream(path, std::ios::binary | std::ios::trunc) << t;
        const auto r = box.cli({"validate", path.string(), "--json"});
        // Either the file is refused (2) or the value is an error of I.1 (1); never a crash.
        ASSERT_TRUE(r.exit_code == 1 || r.exit_code == 2) << n << ": " << r.exit_code << r.err;
        EXPECT_NE((r.out + r.err).find("I.1"), std::string::npos) << n << ": " << r.out << r.err;
        EXPECT_EQ(slurp(path), t);
        // Showing it neither crashes nor wraps around 64 bits.
        const auto g = box.cli({"get", path.string(), "I.1", "--json"});
        ASSERT_TRUE(g.exit_code == 0 || g.exit_code == 1 || g.exit_code == 2) << g.exit_code;
        if (g.exit_code == 0) {
            const auto v = parse_json(g)["values"]["I.1"]["value"];
            if (v.is_number()) {
                EXPECT_EQ(v.get<double>() < 0, n[0] == '-') << n << ": " << v.dump();
            }
        }
    }
}

TEST(CliHostile, NumbersBeyond64BitsInASubmissionAreRefusedAndNothingIsWritten) {
    Sandbox box;
    const auto path = copy_cchc_sample(box, "r.rbr");
    const auto sub = box.path("sub.xml");
    ASSERT_EQ(box.cli({"export", path.string(), "--format", "xml", "-o", sub.string()}).exit_code, 0);
    const std::string xml = slurp(sub);
    const std::regex i1("(<value code=\"I\\.1\"[^>]*>)[0-9]+(</value>)");
    ASSERT_TRUE(std::regex_search(xml, i1)) << xml.substr(0, 2000);
    for (const auto& n : kBeyond64) {
        std::smatch m;
        std::regex_search(xml, m, i1);
        const std::string changed = m.prefix().str() + m[1].str() + n + m[2].str() + m.suffix().str();
        std::ofstream(sub, std::ios::binary | std::ios::trunc) << changed;
        const auto target = box.path("new.rbr");
        const auto r = box.cli({"import", target.string(), sub.string()});
        EXPECT_NE(r.exit_code, 0) << n;
        EXPECT_NE(r.err.find("I.1"), std::string::npos) << n << ": " << r.err;
        EXPECT_FALSE(fs::exists(target)) << n;
        // Into an existing report: left as it was.
        const std::string before = slurp(path);
        EXPECT_NE(box.cli({"import", path.string(), sub.string()}).exit_code, 0);
        EXPECT_EQ(slurp(path), before);
    }
}

// Every text a user can set, with each kind of bad byte: invalid UTF-8 is refused naming the
// field (file kept); control characters are refused or dropped, and the file saved is always
// one that opens, holds valid UTF-8 and no C0 control character but tab and line ends.
TEST(CliHostile, ControlCharactersAndInvalidUtf8InEveryTextPath) {
    Sandbox box;
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"invalid UTF-8", "abc\xC3\x28xyz"}, {"lone continuation", "abc\x80xyz"}, {"surrogate", "a\xED\xA0\x80z"},
        {"overlong", "a\xC0\xAFz"},          {"NUL-free C0", "a\x01\x02\x1B[31mz"}, {"DEL and C1", "a\x7F\xC2\x85z"}};
    struct Path {
        const char* what;
        std::function<std::vector<std::string>(const std::string& file, const std::string& text)> args;
        // What the error must name; "" for text given with --value, the command's only text.
        const char* field;
    };
    const std::vector<Path> paths = {
        {"narrative", [](auto f, auto t) { return std::vector<std::string>{"text", f, "I.1", "--value", t}; }, ""},
        {"note", [](auto f, auto t) { return std::vector<std::string>{"note", f, "I.1", "--value", t}; }, ""},
        {"justification",
         [](auto f, auto t) { return std::vector<std::string>{"justify", f, "required:V.2.1.3", "--value", t}; }, ""},
        {"header number", [](auto f, auto t) { return std::vector<std::string>{"header", f, "number=" + t}; }, "number"},
        {"header summary", [](auto f, auto t) { return std::vector<std::string>{"header", f, "summary=" + t}; }, "summary"},
        {"signer", [](auto f, auto t) { return std::vector<std::string>{"header", f, "signer=" + t}; }, "signer"},
        {"unit name", [](auto f, auto t) { return std::vector<std::string>{"header", f, "unit=" + t}; }, "unit"},
    };
    // The C0 controls XML cannot carry (DEL and C1 controls are valid XML and kept as typed).
    const std::regex control("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");
    for (const auto& p : paths) {
        for (const auto& [kind, text] : bad) {
            const auto file = copy_cchc_sample(box, "t.rbr");
            const std::string before = slurp(file);
            const auto r = box.cli(p.args(file.string(), text));
            const std::string after = slurp(file);
            SCOPED_TRACE(std::string(p.what) + ", " + kind + ": exit " + std::to_string(r.exit_code) + " " + r.err);
            ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2);
            if (r.exit_code != 0) {
                EXPECT_EQ(after, before);
                EXPECT_FALSE(r.err.empty());
                if (*p.field) {
                    EXPECT_NE(r.err.find(p.field), std::string::npos);
                }
            } else {
                // Accepted: what was saved is clean and opens again.
                EXPECT_FALSE(std::regex_search(after, control));
                EXPECT_EQ(box.cli({"validate", file.string()}).exit_code == 2, false);
            }
            if (kind.find("UTF-8") != std::string::npos || kind == "lone continuation" || kind == "surrogate" ||
                kind == "overlong") {
                // Invalid UTF-8 never silently changes the report.
                EXPECT_NE(r.exit_code, 0);
            }
        }
    }
}

TEST(CliHostile, AReportOfATypeNotInstalledIsRefusedByEveryCommandAndLeftAlone) {
    Sandbox box;
    const auto path = box.path("other.rbr");
    std::string sample = slurp(kSample);
    sample.replace(sample.find("<type id=\"cchc\""), 15, "<type id=\"khong-co\"");
    std::ofstream(path, std::ios::binary) << sample;
    const std::string before = slurp(path);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"set", path.string(), "I.1=1"}, {"text", path.string(), "I.1", "--value", "x"},
          {"header", path.string(), "number=1"}, {"validate", path.string()}, {"get", path.string()},
          {"status", path.string(), "complete"}, {"export", path.string(), "--format", "xml", "-o",
                                                  box.path("o.xml").string()}}) {
        const auto r = box.cli(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("khong-co"), std::string::npos) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("other.rbr"), std::string::npos) << args[0] << ": " << r.err;
        EXPECT_EQ(slurp(path), before) << args[0];
    }
    EXPECT_FALSE(fs::exists(box.path("o.xml")));
}

// A plugin folder of ours, copied from the bundled cchc plugin under a new id (no library).
fs::path make_plugin(const fs::path& folder, const std::string& id) {
    fs::create_directories(folder);
    std::string m = slurp(kCchcPath + "/plugin.xml");
    m = std::regex_replace(m, std::regex("id=\"cchc\""), "id=\"" + id + "\"");
    m = std::regex_replace(m, std::regex("\\s*<(library|profile|definition file=\"cchc-ninh)[^>]*/>"), "");
    std::ofstream(folder / "plugin.xml") << m;
    std::string def = slurp(kCchcPath + "/cchc-nam-dinh-2024.xml");
    def = std::regex_replace(def, std::regex("id=\"cchc\""), "id=\"" + id + "\"", std::regex_constants::format_first_only);
    std::ofstream(folder / "cchc-nam-dinh-2024.xml") << def;
    return folder;
}

#ifndef _WIN32  // POSIX modes; Windows ACLs: tests/core/plugin/windows_acl_test.cpp
TEST(CliHostile, AWritablePluginFolderIsRefusedWithItsReasonInPluginsOutput) {
    Sandbox box;
    const fs::path extra = box.path("extra");
    const fs::path ok = make_plugin(extra / "ok", "rb-ok");
    const fs::path open = make_plugin(extra / "open", "rb-open");
    ASSERT_EQ(::chmod(open.c_str(), 0777), 0);
    const auto j = parse_json(box.cli({"--plugin-path", extra.string(), "plugins", "--json"}));
    bool ok_loaded = false;
    for (const auto& p : j["plugins"]) {
        EXPECT_NE(p["id"], "rb-open");
        if (p["id"] == "rb-ok") ok_loaded = true;
    }
    EXPECT_TRUE(ok_loaded) << j.dump(2);
    bool reason_shown = false;
    for (const auto& f : j["failed"])
        if (fs::path(std::string(f["folder"])) == open) {
            const std::string reason = f["reason"];
            reason_shown = reason.find(open.string()) != std::string::npos && reason.find("0777") != std::string::npos &&
                           reason.find("chmod go-w") != std::string::npos;
        }
    EXPECT_TRUE(reason_shown) << j.dump(2);
    // The text listing says it too, in English on request.
    const auto text = box.cli({"--lang", "en", "--plugin-path", extra.string(), "plugins"});
    EXPECT_NE(text.out.find(open.string()), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("writable by every user"), std::string::npos) << text.out;
    EXPECT_NE(box.cli({"--plugin-path", extra.string(), "describe", "rb-open"}).exit_code, 0);
    // A search folder anyone can write in: nothing in it loads.
    ASSERT_EQ(::chmod(extra.c_str(), 01777), 0);
    const auto j2 = parse_json(box.cli({"--plugin-path", extra.string(), "plugins", "--json"}));
    for (const auto& p : j2["plugins"]) EXPECT_NE(p["id"], "rb-ok");
    ASSERT_EQ(::chmod(extra.c_str(), 0755), 0);
}
#endif

TEST(CliHostile, APluginInTheWorkingDirectoryIsNeverLoaded) {
    Sandbox box;
    const fs::path here = box.path("cwd");
    make_plugin(here, "rb-cwd-itself");          // the working directory is itself a plugin folder
    make_plugin(here / "sub", "rb-cwd-child");  // and holds one
    const auto before = fs::current_path();
    fs::current_path(here);
    const auto j = parse_json(box.cli({"plugins", "--json"}));
    const auto d = box.cli({"describe", "rb-cwd-child"});
    fs::current_path(before);
    for (const auto& p : j["plugins"]) {
        EXPECT_NE(p["id"], "rb-cwd-itself");
        EXPECT_NE(p["id"], "rb-cwd-child");
    }
    for (const auto& f : j["failed"]) EXPECT_EQ(std::string(f["folder"]).find("cwd"), std::string::npos);
    EXPECT_NE(d.exit_code, 0);
    // The same folder given on purpose does load: the test above is not vacuous.
    const auto given = parse_json(box.cli({"--plugin-path", here.string(), "plugins", "--json"}));
    bool found = false;
    for (const auto& p : given["plugins"]) found = found || p["id"] == "rb-cwd-itself";
    EXPECT_TRUE(found) << given.dump(2);
}

// Two commands editing one report at the same time: each waits for the other, and both
// changes are in the file (before, one was lost in every pair while both exited 0).
TEST(CliHostile, TwoSetsOnOneReportAtOnceKeepBothChanges) {
    Sandbox box;
    const auto file = copy_cchc_sample(box, "r.rbr").string();
#ifdef RB_SANITIZED
    constexpr int kPairs = 8;
#else
    constexpr int kPairs = 25;
#endif
    // Each command a process of its own, both started at once from two threads.
    const auto set = [&](const std::string& assignment) {
        std::string cmd = shell_quote(RB_CLI) + " set " + shell_quote(file) + " " + assignment;
#ifdef _WIN32
        cmd = "\"" + cmd + " >NUL 2>NUL\"";
#else
        cmd += " >/dev/null 2>&1";
#endif
        return std::system(cmd.c_str());
    };
    for (int i = 0; i < kPairs; ++i) {
        const std::string a = std::to_string(100 + i), b = std::to_string(200 + i);
        int status_a = -1;
        std::thread first([&] { status_a = set("I.1=" + a); });
        const int status_b = set("HS.2.2=" + b);
        first.join();
        ASSERT_EQ(status_a, 0) << "pair " << i;
        ASSERT_EQ(status_b, 0) << "pair " << i;
        const auto values = parse_json(box.cli({"get", file, "I.1", "HS.2.2", "--json"}))["values"];
        ASSERT_EQ(values["I.1"]["value"], 100 + i) << "pair " << i;
        ASSERT_EQ(values["HS.2.2"]["value"], 200 + i) << "pair " << i;
    }
}

#ifndef _WIN32  // FIFOs and /dev/zero are POSIX
// Text given as a file is a regular file of bounded size: a FIFO or a device is refused at
// once instead of blocking or filling memory, and nothing is written.
TEST(CliHostile, TextFromAPipeOrADeviceIsRefusedAtOnce) {
    Sandbox box;
    const auto file = copy_cchc_sample(box, "r.rbr").string();
    const std::string before = slurp(file);
    const std::string fifo = box.path("pipe").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    for (const std::string& input : {fifo, std::string("/dev/zero")}) {
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"text", file, "I.1", "--file", input},
              std::vector<std::string>{"note", file, "I.1", "--file", input},
              std::vector<std::string>{"justify", file, "required:V.2.1.3", "--file", input}}) {
            const CliRun r = box.cli(args);
            EXPECT_EQ(r.exit_code, 2) << args[0] << " " << input << ": " << r.err;
            EXPECT_NE(r.err.find(input), std::string::npos) << r.err;
        }
    }
    const CliRun v = box.cli({"validate", fifo});
    EXPECT_EQ(v.exit_code, 2) << v.err;
    EXPECT_EQ(slurp(file), before);
}
#endif

}  // namespace
}  // namespace rb::test
