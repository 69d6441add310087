// Plugins as IT staff make them: a folder with only a definition, and a native plugin built
// out of tree against an installed ReportBench.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

namespace fs = std::filesystem;
const std::string kExample = std::string(RB_SOURCE_DIR) + "/plugins/example";

TEST(SchemaOnlyPlugin, AFolderDroppedInAtRunTimeIsUsableEndToEnd) {
    Sandbox box;
    const fs::path folder = box.path("plugins/tiep-cong-dan");
    fs::create_directories(folder);
    fs::copy_file(kExample + "/tiep-cong-dan.xml", folder / "tiep-cong-dan.xml");
    std::ofstream(folder / "plugin.xml")
        << "<?xml version=\"1.0\"?><plugin xmlns=\"urn:reportbench:plugin:1\" id=\"tcd\" version=\"1\" apiVersion=\"1\">"
           "<name>Tiếp công dân</name><definition file=\"tiep-cong-dan.xml\"/></plugin>";
    const std::string pp = box.path("plugins").string();
    const auto types = parse_json(box.cli({"--plugin-path", pp, "types", "--json"}));
    bool listed = false;
    for (const auto& t : types["types"]) listed = listed || t["id"] == "tiep-cong-dan";
    EXPECT_TRUE(listed) << types.dump(2);

    const std::string report = box.path("q3.rbr").string();
    ASSERT_EQ(box.cli({"--plugin-path", pp, "new", "tiep-cong-dan", "--period", "2025-Q3", "--unit", "Yên Khánh", "-o", report})
                  .exit_code, 0);
    ASSERT_EQ(box.cli({"--plugin-path", pp, "set", report, "I.1=3", "I.2=41", "I.3.1=7", "I.3.2=6"}).exit_code, 0);
    const auto values = parse_json(box.cli({"--plugin-path", pp, "get", report, "--json"}))["values"];
    EXPECT_EQ(values["I.3"]["display"], "85,71%");
    ASSERT_EQ(box.cli({"--plugin-path", pp, "set", report, "I.3.2=8"}).exit_code, 0);
    const auto v = box.cli({"--plugin-path", pp, "validate", report, "--json"});
    EXPECT_EQ(v.exit_code, 1);
    EXPECT_NE(v.out.find("petitions-resolved"), std::string::npos);
    // Without the plugin folder the report is refused, not damaged.
    const std::string before = slurp(report);
    EXPECT_EQ(box.cli({"validate", report}).exit_code, 2);
    EXPECT_EQ(slurp(report), before);
}

#ifndef _WIN32  // builds the SDK example with the Debian toolchain
TEST(PluginSdk, TheExampleBuildsOutOfTreeAgainstAnInstallAndLoads) {
    Sandbox box;
    const std::string prefix = box.path("prefix").string();
    const std::string build = box.path("example-build").string();
    auto install = box.run(RB_CMAKE, {"--install", RB_BUILD_DIR, "--prefix", prefix});
    ASSERT_EQ(install.exit_code, 0) << install.out << install.err;
    ASSERT_TRUE(fs::exists(prefix + "/include/reportbench/plugin_api.hpp"));
    ASSERT_TRUE(fs::exists(prefix + "/lib/cmake/ReportBench/ReportBenchConfig.cmake"));
    auto configure = box.run(RB_CMAKE, {"-S", kExample, "-B", build, "-DCMAKE_PREFIX_PATH=" + prefix});
    ASSERT_EQ(configure.exit_code, 0) << configure.out << configure.err;
    auto compile = box.run(RB_CMAKE, {"--build", build});
    ASSERT_EQ(compile.exit_code, 0) << compile.out << compile.err;

    // The installed program, with the example through --plugin-path.
    const std::string cli = prefix + "/bin/reportbench-cli";
    const auto plugins = box.run(cli, {"--plugin-path", build, "plugins", "--json"});
    ASSERT_EQ(plugins.exit_code, 0) << plugins.err;
    const auto j = parse_json(plugins);
    for (const auto& f : j["failed"])
        EXPECT_EQ(f["folder"].get<std::string>().find("example"), std::string::npos) << f["reason"];
    bool example = false, cchc = false;
    for (const auto& p : j["plugins"]) {
        example = example || (p["id"] == "example" && !p["library"].get<std::string>().empty());
        cchc = cchc || p["id"] == "cchc";
    }
    EXPECT_TRUE(example) << j.dump(2);
    EXPECT_TRUE(cchc) << "the installed tree finds its own plugins";

    const std::string report = box.path("q1.rbr").string();
    ASSERT_EQ(box.run(cli, {"--plugin-path", build, "new", "tiep-cong-dan", "--period", "2025-Q1", "--unit", "Phương Định", "-o", report}).exit_code, 0);
    ASSERT_EQ(box.run(cli, {"--plugin-path", build, "set", report, "I.1=2", "I.2=15", "I.3.1=4", "I.3.2=4"}).exit_code, 0);
    // The native rule: one session a month, so a quarter needs three.
    const auto v = box.run(cli, {"--plugin-path", build, "validate", report, "--json"});
    EXPECT_NE(v.out.find("example.sessions-per-month"), std::string::npos) << v.out;
    // The native drafter fills the empty section I.
    ASSERT_EQ(box.run(cli, {"--plugin-path", build, "draft", report}).exit_code, 0);
    const auto text = box.run(cli, {"--plugin-path", build, "text", report, "I"});
    EXPECT_NE(text.out.find("tổ chức 2 buổi tiếp công dân định kỳ, tiếp 15 lượt công dân"), std::string::npos) << text.out;
    // The plugin's own file format, offered beside the built-in ones.
    const std::string tally = box.path("q1.tsv").string();
    const auto ex = box.run(cli, {"--plugin-path", build, "export", report, "--format", "tally", "-o", tally});
    ASSERT_EQ(ex.exit_code, 0) << ex.err;
    const std::string written = slurp(tally);
    EXPECT_NE(written.find("period\t2025-Q1\n"), std::string::npos) << written;
    EXPECT_NE(written.find("I.2\t15\n"), std::string::npos) << written;
}
#endif

TEST(Draft, CchcDraftsTheCaseFileParagraphOnlyIntoAnEmptySection) {
    Sandbox box;
    const std::string report = box.path("q1.rbr").string();
    fs::copy_file(std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr", report);
    const std::string user_text = box.cli({"text", report, "II.2"}).out;
    ASSERT_EQ(box.cli({"draft", report, "II.2"}).exit_code, 0);
    EXPECT_EQ(box.cli({"text", report, "II.2"}).out, user_text) << "the user's text is never replaced";
    ASSERT_EQ(box.cli({"text", report, "II.2", "--value", ""}).exit_code, 0);
    ASSERT_EQ(box.cli({"draft", report}).exit_code, 0);
    const std::string drafted = box.cli({"text", report, "II.2"}).out;
    EXPECT_NE(drafted.find("(từ ngày 15/12/2023 đến ngày 07/03/2024), đã tiếp nhận và giải quyết 1.034 hồ sơ"),
              std::string::npos) << drafted;
    EXPECT_NE(drafted.find("lĩnh vực Tư pháp - Hộ tịch là 985 hồ sơ"), std::string::npos) << drafted;
    EXPECT_NE(drafted.find("trước hạn là 717 hồ sơ, đúng hạn là 317 hồ sơ"), std::string::npos) << drafted;
    // The tool's own paragraph agrees with its appendix.
    const auto j = parse_json(box.cli({"validate", report, "--json"}));
    for (const auto& f : j["findings"]) EXPECT_NE(f["section"], "II.2") << f["message"];
}

TEST(Draft, CchcChecksAcrossPeriods) {
    Sandbox box;
    const std::string q1 = box.path("q1.rbr").string();
    const std::string q2 = box.path("q2.rbr").string();
    fs::copy_file(std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr", q1);
    ASSERT_EQ(box.cli({"new", "cchc", "--period", "2024-Q2", "--unit", "Phương Định", "-o", q2}).exit_code, 0);
    // The plan had 6 tasks, 1 done; now it says 8 tasks and 0 done.
    ASSERT_EQ(box.cli({"set", q2, "I.2.1=8", "I.2.2=0"}).exit_code, 0);
    const auto r = box.cli({"validate", q2, "--json", "--previous", q1});
    const auto j = parse_json(r);
    bool cumulative = false, plan_changed = false;
    for (const auto& f : j["findings"]) {
        cumulative = cumulative || (f["rule"] == "cumulative" && f["codes"][0] == "I.2.2");
        plan_changed = plan_changed || f["rule"] == "cchc.plan-changed";
    }
    EXPECT_TRUE(cumulative) << r.out;
    EXPECT_TRUE(plan_changed) << r.out;
    EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace rb::test
