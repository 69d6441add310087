// Editions, plugin folders, and the contract's JSON shapes, through the real program.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

namespace fs = std::filesystem;
const std::string kCchc = std::string(RB_SOURCE_DIR) + "/plugins/cchc";

TEST(Editions, BothCchcEditionsAreListedAndCoexist) {
    Sandbox box;
    const auto types = parse_json(box.cli({"types", "--json"}));
    std::vector<std::string> editions;
    for (const auto& t : types["types"])
        if (t["id"] == "cchc")
            for (const auto& e : t["editions"]) editions.push_back(e["edition"]);
    EXPECT_EQ(editions, (std::vector<std::string>{"nam-dinh-2024", "ninh-binh-2025"}));

    const auto old_report = box.path("2024.rbr").string();
    const auto new_report = box.path("2025.rbr").string();
    ASSERT_EQ(box.cli({"new", "cchc", "--period", "2024-Q1", "--unit", "Phương Định", "--parent", "Trực Ninh",
                       "--province", "Nam Định", "-o", old_report}).exit_code, 0);
    ASSERT_EQ(box.cli({"new", "cchc", "--edition", "ninh-binh-2025", "--period", "2025-Q4", "--unit", "Phương Định",
                       "--province", "Ninh Bình", "-o", new_report}).exit_code, 0);
    // The district-level row exists only in the 2024 edition; each report keeps its own.
    EXPECT_EQ(box.cli({"set", old_report, "III.1.1=0"}).exit_code, 0);
    const auto refused = box.cli({"set", new_report, "III.1.1=0"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("ninh-binh-2025"), std::string::npos) << refused.err;
    const auto h2025 = parse_json(box.cli({"header", new_report, "--json"}));
    EXPECT_EQ(h2025["recipients"][0], "UBND tỉnh Ninh Bình");
    EXPECT_EQ(h2025["parent-body"], "");
    const auto h2024 = parse_json(box.cli({"header", old_report, "--json"}));
    EXPECT_EQ(h2024["recipients"][0], "UBND huyện Trực Ninh");
    EXPECT_EQ(h2024["from"], "2023-12-15");
    EXPECT_EQ(h2024["to"], "2024-03-14");
    EXPECT_EQ(h2025["from"], "2025-09-15");
    EXPECT_EQ(h2025["to"], "2025-12-14");
}

TEST(Describe, JsonListsSectionsAndIndicatorsInDocumentOrder) {
    Sandbox box;
    const auto r = box.cli({"describe", "cchc", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = parse_json(r);
    for (const char* key : {"id", "version", "title", "periods", "sections", "indicators"}) EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["sections"][0]["id"], "intro");
    EXPECT_EQ(j["sections"][1]["id"], "I");
    EXPECT_EQ(j["sections"][1]["level"], 0);
    EXPECT_EQ(j["sections"][2]["id"], "I.1");
    EXPECT_EQ(j["sections"][2]["number"], "1");
    EXPECT_EQ(j["sections"][2]["level"], 1);
    EXPECT_EQ(j["indicators"][0]["code"], "I.1");
    EXPECT_EQ(j["indicators"][0]["type"], "integer");
    EXPECT_EQ(j["indicators"][0]["unit"], "Văn bản");
    EXPECT_EQ(j["indicators"][0]["computed"], false);
    EXPECT_EQ(j["indicators"][1]["code"], "I.2");
    EXPECT_EQ(j["indicators"][1]["type"], "percent");
    EXPECT_EQ(j["indicators"][1]["computed"], true);
}

TEST(Plugins, ABrokenPluginIsReportedAndTheOthersLoad) {
    Sandbox box;
    const fs::path extra = box.path("plugins");
    // A copy of a good plugin under another id, and a copy with a broken definition.
    for (const char* name : {"good", "broken"}) {
        fs::create_directories(extra / name);
        fs::copy_file(kCchc + "/cchc-nam-dinh-2024.xml", extra / name / "def.xml");
        std::ofstream(extra / name / "plugin.xml")
            << "<?xml version=\"1.0\"?><plugin xmlns=\"urn:reportbench:plugin:1\" id=\"" << name
            << "\" version=\"1\" apiVersion=\"1\"><name>" << name << "</name><definition file=\"def.xml\"/></plugin>";
    }
    {
        std::string def = slurp(extra / "good" / "def.xml");
        def.replace(def.find("id=\"cchc\""), 9, "id=\"good\"");
        std::ofstream(extra / "good" / "def.xml") << def;
        std::string bad = slurp(extra / "broken" / "def.xml");
        bad.replace(bad.find("id=\"cchc\""), 9, "id=\"bad\"");
        bad.replace(bad.find("computed=\"ratio(I.2.2, I.2.1)\""), 30, "computed=\"ratio(I.2.2, NOPE)\"");
        std::ofstream(extra / "broken" / "def.xml") << bad;
    }
    fs::create_directories(extra / "garbage");
    std::ofstream(extra / "garbage" / "plugin.xml") << "<plugin><unclosed>";

    const auto r = box.cli({"--plugin-path", extra.string(), "plugins", "--json"});
    EXPECT_EQ(r.exit_code, 1) << "a refused plugin makes `plugins` exit 1\n" << r.err;
    EXPECT_EQ(box.cli({"--plugin-path", extra.string(), "plugins"}).exit_code, 1);
    EXPECT_EQ(box.cli({"plugins"}).exit_code, 0) << "the bundled plugins all load";
    const auto j = parse_json(r);
    std::vector<std::string> loaded;
    for (const auto& p : j["plugins"]) loaded.push_back(p["id"]);
    EXPECT_NE(std::find(loaded.begin(), loaded.end(), "cchc"), loaded.end());
    EXPECT_NE(std::find(loaded.begin(), loaded.end(), "good"), loaded.end());
    EXPECT_EQ(std::find(loaded.begin(), loaded.end(), "broken"), loaded.end());
    ASSERT_EQ(j["failed"].size(), 2u);
    bool broken_named = false, garbage_named = false;
    for (const auto& f : j["failed"]) {
        const std::string reason = f["reason"];
        if (reason.find("def.xml:") != std::string::npos && reason.find("NOPE") != std::string::npos) broken_named = true;
        if (reason.find((fs::path("garbage") / "plugin.xml").string() + ":1:") != std::string::npos) garbage_named = true;
    }
    EXPECT_TRUE(broken_named) << j.dump(2);
    EXPECT_TRUE(garbage_named) << j.dump(2);
    // The good extra plugin is usable.
    EXPECT_EQ(box.cli({"--plugin-path", extra.string(), "describe", "good"}).exit_code, 0);
}

TEST(Plugins, TheWorkingDirectoryIsNeverSearched) {
    Sandbox box;
    const fs::path here = box.path("cwd");
    fs::create_directories(here / "evil");
    fs::copy(kCchc, here / "evil", fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    const auto before = fs::current_path();
    fs::current_path(here);
    const auto j = parse_json(box.cli({"plugins", "--json"}));
    fs::current_path(before);
    for (const auto& p : j["plugins"]) EXPECT_EQ(std::string(p["folder"]).find("cwd"), std::string::npos);
}

TEST(SchemaCheck, NamesLineAndColumnOfADefinitionError) {
    Sandbox box;
    std::string def = slurp(kCchc + "/cchc-nam-dinh-2024.xml");
    def.replace(def.find("type=\"percent\""), 14, "type=\"procent\"");
    const auto path = box.path("bad.xml");
    std::ofstream(path) << def;
    const auto r = box.cli({"schema", "check", path.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("bad.xml:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("procent"), std::string::npos) << r.out;
    const std::string built = std::string(RB_BUILD_DIR) + "/share/reportbench/plugins/cchc";
    EXPECT_EQ(box.cli({"schema", "check", kCchc + "/cchc-nam-dinh-2024.xml", built + "/plugin.xml"}).exit_code, 0);
}

// The official document speaks Vietnamese whatever language the program speaks.
TEST(NewReport, TheDocumentsTextIsVietnameseInAnEnglishSession) {
    Sandbox box;
    const auto path = box.path("en.rbr").string();
    ASSERT_EQ(box.cli({"--lang", "en", "new", "cchc", "--period", "2024-Q1", "--unit", "Phương Định", "--parent",
                       "Trực Ninh", "--province", "Nam Định", "-o", path})
                  .exit_code,
              0);
    const auto h = parse_json(box.cli({"header", path, "--json"}));
    EXPECT_EQ(h["summary"], "Kết quả công tác cải cách hành chính Quý I năm 2024");
    EXPECT_EQ(h["recipients"][0], "UBND huyện Trực Ninh");
}

TEST(SchemaCheck, AWarningIsShownButTheFileIsValid) {
    Sandbox box;
    std::string def = slurp(kCchc + "/cchc-nam-dinh-2024.xml");
    // A percent threshold written as a fraction: accepted, and the author is asked.
    const std::string rule = R"(<rule id="fraction" severity="warning" test="I.2 &gt;= 0.8"><message>x</message></rule>)";
    def.replace(def.find("<rules>") + 7, 0, "\n    " + rule);
    const auto path = box.path("fraction.xml");
    std::ofstream(path) << def;
    const auto r = box.cli({"schema", "check", path.string()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("có phải 80? (cảnh báo)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hợp lệ, còn 1 cảnh báo"), std::string::npos) << r.out;
}

TEST(Report, AFileThatCannotBeReadIsRefusedAndLeftAlone) {
    Sandbox box;
    const auto path = box.path("truncated.rbr");
    const std::string sample = slurp(kCchc + "/samples/phuong-dinh-2024-q1.rbr");
    std::ofstream(path) << sample.substr(0, sample.size() / 2);
    const std::string before = slurp(path);
    const auto r = box.cli({"set", path.string(), "I.1=1"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("truncated.rbr:"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(path), before);
}

// Most tests run the commands in this process; these run the real program as a shell does,
// for what only the process shows: its exit status and its two output streams.
TEST(Program, ExitCodesAndStreamsAreWhatAShellSees) {
    Sandbox box;
    const std::string sample = kCchc + "/samples/phuong-dinh-2024-q1.rbr";
    const CliRun warnings = box.cli_process({"validate", sample});
    EXPECT_EQ(warnings.exit_code, 0) << "the sample has warnings, no errors: " << warnings.err;
    EXPECT_NE(warnings.out.find("narrative.number"), std::string::npos) << warnings.out;
    const std::string copy = box.path("q1.rbr").string();
    fs::copy_file(sample, copy);
    const CliRun refused = box.cli_process({"set", copy, "I.2.1=abc"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("I.2.1"), std::string::npos) << refused.err;
    const CliRun missing = box.cli_process({"validate", box.path("none.rbr").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(missing.out.empty()) << missing.out;
    EXPECT_NE(missing.err.find("none.rbr"), std::string::npos) << missing.err;
    const CliRun types = box.cli_process({"types"});
    EXPECT_EQ(types.exit_code, 0);
    EXPECT_NE(types.out.find("cchc"), std::string::npos);
    EXPECT_TRUE(types.err.empty()) << types.err;
    // The same answers in this process.
    EXPECT_EQ(box.cli({"validate", sample}).out, warnings.out);
    EXPECT_EQ(box.cli({"types"}).out, types.out);
}

TEST(Program, VersionAndHelpForOneCommand) {
    Sandbox box;
    const CliRun v = box.cli({"--version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_EQ(v.out, std::string("reportbench-cli ") + RB_VERSION + "\n");
    const CliRun h = box.cli({"help", "new"});
    EXPECT_EQ(h.exit_code, 0) << h.err;
    EXPECT_EQ(h.out.rfind("  new TYPE --period P", 0), 0u) << h.out;
    EXPECT_NE(h.out.find("--unit-profile"), std::string::npos) << "the continued line: " << h.out;
    EXPECT_EQ(h.out.find("  set "), std::string::npos) << "only that command: " << h.out;
    EXPECT_NE(h.out.find("Ví dụ:\n  reportbench-cli new cchc"), std::string::npos) << h.out;
    const CliRun en = box.cli({"--lang", "en", "help", "validate"});
    EXPECT_NE(en.out.find("exit code 0: no errors"), std::string::npos) << en.out;
    EXPECT_NE(en.out.find("Example:"), std::string::npos) << en.out;
    const CliRun none = box.cli({"help", "frobnicate"});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("frobnicate"), std::string::npos);
}

TEST(Report, AReportOfATypeThatIsNotInstalledSaysSo) {
    Sandbox box;
    const auto path = box.path("other.rbr");
    std::string sample = slurp(kCchc + "/samples/phuong-dinh-2024-q1.rbr");
    sample.replace(sample.find("edition=\"nam-dinh-2024\""), 23, "edition=\"ha-noi-2030\"");
    std::ofstream(path) << sample;
    const auto r = box.cli({"validate", path.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("ha-noi-2030"), std::string::npos) << r.err;
}

TEST(New, RefusesAPeriodTheTypeDoesNotAllowAndBadPeriodText) {
    Sandbox box;
    EXPECT_EQ(box.cli({"new", "cchc", "--period", "2024-Q5", "-o", box.path("x.rbr").string()}).exit_code, 1);
    EXPECT_FALSE(fs::exists(box.path("x.rbr")));
    EXPECT_EQ(box.cli({"new", "nosuchtype", "--period", "2024-Q1", "-o", box.path("x.rbr").string()}).exit_code, 2);
}

// The official document is Vietnamese whatever language the program speaks: the summary line
// a new report gets, and the title its export prints.
TEST(New, TheDocumentsTextIsVietnameseWhateverTheInterfaceLanguage) {
    Sandbox box;
    const std::string report = box.path("q1.rbr").string();
    const CliRun made = box.cli({"--lang", "en", "new", "cchc", "--period", "2024-Q1", "--unit", "Phương Định", "-o", report});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("Q1 2024"), std::string::npos) << "the interface speaks English: " << made.out;
    const auto h = parse_json(box.cli({"--lang", "en", "header", report, "--json"}));
    EXPECT_EQ(h["summary"], "Kết quả công tác cải cách hành chính Quý I năm 2024");
}

// Header fields go through the editing session: trimmed, lists split on new lines or ";", both
// ends of the data window moved in one command, all or nothing.
TEST(Header, FieldsAreSetAsTheDesktopSetsThem) {
    Sandbox box;
    const std::string report = box.path("q1.rbr").string();
    ASSERT_EQ(box.cli({"new", "cchc", "--period", "2024-Q1", "--unit", "Phương Định", "-o", report}).exit_code, 0);
    const CliRun set = box.cli({"header", report, "signer=  Nguyễn Minh Khâm  ", "recipients=- UBND huyện;\nPhòng Nội vụ; - Lưu: VT.",
                                "from=01/01/2025", "to=14/03/2025"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    auto h = parse_json(box.cli({"header", report, "--json"}));
    EXPECT_EQ(h["signer"], "Nguyễn Minh Khâm");
    ASSERT_EQ(h["recipients"].size(), 3u) << h["recipients"].dump();
    EXPECT_EQ(h["recipients"][0], "UBND huyện");
    EXPECT_EQ(h["recipients"][2], "Lưu: VT");
    EXPECT_EQ(h["from"], "2025-01-01");
    EXPECT_EQ(h["to"], "2025-03-14");
    // One bad field: nothing is written.
    const CliRun bad = box.cli({"header", report, "number=10", "unit="});
    EXPECT_EQ(bad.exit_code, 1);
    h = parse_json(box.cli({"header", report, "--json"}));
    EXPECT_NE(h["number"], "10");
}

}  // namespace
}  // namespace rb::test
