// Every XML reader of the program against files made to hurt it: external entities and entity
// expansion ("billion laughs"), deep nesting, files beyond the reader's size limit, control
// characters and invalid UTF-8 in text. Each is refused with the file named and the place
// where it can be, quickly, without reading anything else, and nothing crashes.
// Readers: report definitions, plugin manifests, reports, unit profiles, recipient profiles
// (submissions, DOCX and XLSX have their own suites beside their importers).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>

#include "../../support/portable.hpp"
#include "export/profile.hpp"
#include "plugin/registry.hpp"
#include "report/report.hpp"
#include "report/unit_profile.hpp"
#include "schema/report_type.hpp"

namespace fs = std::filesystem;

namespace rb::plugin {
namespace {

using rb::test::peak_memory_kib;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Reader {
    const char* name;
    std::string sample;      // a valid file of this kind
    const char* text_end;    // the end tag of a text element, where hostile text goes
    std::size_t limit;       // the reader's size limit in bytes
    // Reads `path`; returns the error, or "" when the file was accepted.
    std::function<std::string(const fs::path&)> read;
};

std::string error_of_manifest(const fs::path& path) {
    // A manifest is read by the registry from its plugin folder.
    Registry reg;
    reg.add_folder(path.parent_path().string());
    if (!reg.failures().empty()) return reg.failures()[0].reason;
    return {};
}

template <class R>
std::string error_of(const R& r) {
    return r ? std::string() : r.error();
}

std::vector<Reader> readers() {
    const std::string src = RB_SOURCE_DIR;
    return {
        {"definition", src + "/plugins/cchc/cchc-nam-dinh-2024.xml", "</title>", 16u << 20,
         [](const fs::path& p) { return error_of(schema::load_definition(p.string())); }},
        {"manifest", src + "/plugins/cchc/plugin.xml", "</name>", 1u << 20, error_of_manifest},
        {"report", src + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr", "</summary>", 64u << 20,
         [](const fs::path& p) { return error_of(report::load(p.string())); }},
        {"unit profile", src + "/plugins/cchc/samples/phuong-dinh.unit.xml", "</name>", 1u << 20,
         [](const fs::path& p) { return error_of(report::load_unit_profile(p.string())); }},
        {"recipient profile", src + "/plugins/cchc/profiles/cchc-nam-dinh-phu-luc-2.xml", "</title>", 4u << 20,
         [](const fs::path& p) { return error_of(exporting::load_profile(p.string())); }},
    };
}

class HostileXml : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        root_ = fs::temp_directory_path() / ("rb-hostile-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(root_);
        // What an external entity would try to pull in.
        secret_ = root_ / "secret.txt";
        std::ofstream(secret_) << "TOP-SECRET-CONTENT";
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }

    // Writes `text` where reader `r` expects its file (a manifest goes into a plugin folder).
    fs::path put(const Reader& r, const std::string& text) {
        const fs::path folder = root_ / (std::string(r.name) + "-" + std::to_string(++count_));
        fs::create_directories(folder);
        const fs::path path = folder / (std::string(r.name) == "manifest" ? "plugin.xml" : "file.xml");
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    // `sample` with `insert` placed right after the XML declaration.
    static std::string after_declaration(const std::string& sample, const std::string& insert) {
        const auto end = sample.find("?>");
        return sample.substr(0, end + 2) + "\n" + insert + sample.substr(end + 2);
    }
    static std::string before(const std::string& sample, const std::string& tag, const std::string& insert) {
        const auto at = sample.find(tag);
        EXPECT_NE(at, std::string::npos) << tag;
        return sample.substr(0, at) + insert + sample.substr(at);
    }

    // Runs the reader, which must refuse the file naming it; returns the message. (How fast
    // each refusal is lives in tests/bench/hostile_bench.cpp; a hang ends at CTest's timeout.)
    std::string refused(const Reader& r, const fs::path& path, const char* what) {
        const std::string error = r.read(path);
        EXPECT_FALSE(error.empty()) << r.name << ", " << what << ": accepted";
        EXPECT_NE(error.find(path.string()), std::string::npos) << r.name << ", " << what << ": " << error;
        EXPECT_EQ(error.find("TOP-SECRET"), std::string::npos) << r.name << ": " << error;
        return error;
    }

    fs::path root_, secret_;
    int count_ = 0;
};

TEST_F(HostileXml, TheSamplesUsedAsBasesAreAccepted) {
    for (const auto& r : readers()) {
        if (std::string(r.name) == "manifest") continue;  // needs its definitions beside it
        EXPECT_EQ(r.read(r.sample), "") << r.name;
    }
}

TEST_F(HostileXml, ExternalEntitiesAreRefusedAtTheDoctypeAndNothingIsFetched) {
    for (const auto& r : readers()) {
        const std::string sample = slurp(r.sample);
        for (const std::string& system : {"file://" + secret_.string(), std::string("http://127.0.0.1:9/x.dtd")}) {
            std::string text = after_declaration(
                sample, "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + system + "\"> <!ENTITY % p SYSTEM \"" + system +
                            "\"> %p;]>");
            text = before(text, r.text_end, "&xxe;");
            const std::string e = refused(r, put(r, text), "external entity");
            EXPECT_NE(e.find(":2:1:"), std::string::npos) << r.name << ": " << e;
            EXPECT_NE(e.find("DOCTYPE"), std::string::npos) << r.name << ": " << e;
        }
    }
}

TEST_F(HostileXml, EntityExpansionIsRefusedBeforeAnythingExpands) {
    std::string laughs = "<!DOCTYPE x [<!ENTITY lol0 \"lololololololololololololololol\">";
    for (int i = 1; i <= 12; ++i)
        laughs += "<!ENTITY lol" + std::to_string(i) + " \"" + [&] {
            std::string s;
            for (int k = 0; k < 10; ++k) s += "&lol" + std::to_string(i - 1) + ";";
            return s;
        }() + "\">";
    laughs += "]>";
    for (const auto& r : readers()) {
        const std::string text = before(after_declaration(slurp(r.sample), laughs), r.text_end, "&lol12;");
        const std::string e = refused(r, put(r, text), "billion laughs");
        EXPECT_NE(e.find("DOCTYPE"), std::string::npos) << r.name << ": " << e;
    }
}

TEST_F(HostileXml, DeepNestingIsRefusedOrKeptWithoutExhaustingTheStack) {
    constexpr int kDepth = 100000;
    std::string deep;
    for (int i = 0; i < kDepth; ++i) deep += "<d>";
    for (int i = 0; i < kDepth; ++i) deep += "</d>";
    for (const auto& r : readers()) {
        const std::string sample = slurp(r.sample);
        // Right before the root's end tag, in the root's namespace: an element no schema allows.
        const auto root_end = sample.rfind("</");
        const std::string text = sample.substr(0, root_end) + deep + sample.substr(root_end);
        refused(r, put(r, text), "deep nesting");
    }
}

TEST_F(HostileXml, FilesBeyondTheLimitAreRefusedBeforeTheyAreRead) {
    for (const auto& r : readers()) {
        const std::string sample = slurp(r.sample);
        // A sparse file: beyond the limit on disk, but reading it would take a gigabyte of memory.
        for (const off_t size : {static_cast<off_t>(r.limit) + 1, off_t(1) << 30}) {
            const fs::path path = put(r, sample);
            fs::resize_file(path, size);
            const long peak_before_kib = peak_memory_kib();
            const std::string e = refused(r, path, "huge file");
            // Not read: the process's peak memory did not grow by anything like the file.
            EXPECT_LT(peak_memory_kib() - peak_before_kib, 32L << 10) << r.name << ": " << size << " bytes";
            EXPECT_NE(e.find("quá lớn"), std::string::npos) << r.name << ": " << e;
            EXPECT_NE(e.find(std::to_string(r.limit)), std::string::npos) << r.name << ": " << e;
        }
        // At the limit exactly, the size is not what is refused (the small limits only: reading
        // 64 MiB of padding to prove it for reports would only cost time).
        if (r.limit > (4u << 20)) continue;
        const fs::path path = put(r, sample);
        fs::resize_file(path, static_cast<off_t>(r.limit));
        EXPECT_EQ(r.read(path).find("quá lớn"), std::string::npos) << r.name;
    }
}

TEST_F(HostileXml, ControlCharactersAndInvalidUtf8InTextAreRefusedWithTheirLine) {
    for (const auto& r : readers()) {
        const std::string sample = slurp(r.sample);
        for (const std::string& bad : {std::string("\x01"), std::string("&#x1;"), std::string("\x1b[31m"),
                                      std::string("\xC3\x28"), std::string("\xED\xA0\x80"), std::string("\xFF")}) {
            const std::string text = before(sample, r.text_end, "x" + bad);
            const std::string e = refused(r, put(r, text), "bad text");
            // The line of the bad text is named.
            const auto at = text.find(r.text_end);
            const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
            EXPECT_NE(e.find(":" + std::to_string(line) + ":"), std::string::npos) << r.name << ": " << e;
        }
    }
}

// check_file (the CLI's `schema check`) reads any of them and refuses the same things.
TEST_F(HostileXml, CheckFileRefusesTheSameFiles) {
    const auto all = readers();
    const Reader& report = all[2];
    const std::string sample = slurp(report.sample);
    const fs::path doctype = put(report, after_declaration(sample, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file://" +
                                                                       secret_.string() + "\">]>"));
    auto problems = check_file(doctype.string()).errors;
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("DOCTYPE"), std::string::npos) << problems[0];
    const fs::path huge = put(report, sample);
    fs::resize_file(huge, off_t(1) << 30);
    problems = check_file(huge.string()).errors;
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("quá lớn"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace rb::plugin
