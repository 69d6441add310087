// Native plugin libraries, each fixture built by the test suite: every broken one is reported
// with its reason, and the good ones load and work.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "plugin/extensions.hpp"
#include "plugin/registry.hpp"
#include "report/entry.hpp"

namespace rb::plugin {
namespace {

namespace fs = std::filesystem;

const char* kDefinition = R"(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="fixture" edition="e1" version="1" formatVersion="1">
  <title>Báo cáo thử</title>
  <periods><period kind="year"/></periods>
  <narrative><section id="S1" number="1"><title>Mục một</title></section></narrative>
  <appendix><title>Phụ lục</title>
    <group code="A"><title>Nhóm A</title>
      <indicator code="A.1" stt="1" type="integer" unit="Cái"><label>Số cái</label></indicator>
    </group>
  </appendix>
</reportType>
)";

class NativePlugins : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        root_ = fs::temp_directory_path() / ("rb-native-" + std::to_string(rd()));
        fs::create_directories(root_);
    }
    void TearDown() override {
        // Loaded libraries stay loaded for the program's life, and Windows keeps a loaded DLL's
        // file: what cannot be removed there is left to the temporary folder's cleanup.
        std::error_code ec;
        fs::remove_all(root_, ec);
    }

    // A plugin folder with a definition (type id `type`) and the given library, if any.
    void make_plugin(const std::string& id, const std::string& library, const std::string& type = "fixture") {
        const fs::path dir = root_ / id;
        fs::create_directories(dir);
        std::string def = kDefinition;
        def.replace(def.find("id=\"fixture\""), 12, "id=\"" + type + "\"");
        std::ofstream(dir / "def.xml") << def;
        std::ofstream manifest(dir / "plugin.xml");
        manifest << "<?xml version=\"1.0\"?><plugin xmlns=\"urn:reportbench:plugin:1\" id=\"" << id
                 << "\" version=\"1.0\" apiVersion=\"1\"><name>" << id << "</name><definition file=\"def.xml\"/>";
        if (!library.empty()) {
            // The manifest names "native.so" on every system; on Windows that is native.dll.
#ifdef _WIN32
            fs::copy_file(library, dir / "native.dll");
#else
            fs::copy_file(library, dir / "native.so");
#endif
            manifest << "<library file=\"native.so\"/>";
        }
        manifest << "</plugin>";
    }

    Registry discover() const { return Registry::discover(SearchPath{{root_.string()}}); }

    const Failure* failure_of(const Registry& reg, const std::string& id) const {
        for (const auto& f : reg.failures())
            if (fs::path(f.folder).filename() == id) return &f;
        return nullptr;
    }

    fs::path root_;
};

TEST_F(NativePlugins, EachBrokenLibraryIsReportedWithItsReasonAndTheGoodOneStillLoads) {
    make_plugin("good", RB_FIXTURE_GOOD_PLUGIN);
    make_plugin("wrongapi", RB_FIXTURE_WRONG_API_PLUGIN, "t-wrongapi");
    make_plugin("nofactory", RB_FIXTURE_NO_FACTORY_PLUGIN, "t-nofactory");
    make_plugin("throws", RB_FIXTURE_THROWING_PLUGIN, "t-throws");
    make_plugin("notaplugin", RB_FIXTURE_NOT_A_PLUGIN, "t-notaplugin");
    const Registry reg = discover();

    ASSERT_EQ(reg.plugins().size(), 1u);
    EXPECT_EQ(reg.plugins()[0].id, "good");
    ASSERT_NE(reg.find("fixture"), nullptr);
    EXPECT_EQ(reg.rules_for("fixture").size(), 1u);
    EXPECT_NE(reg.drafter_for("fixture", "S1"), nullptr);

    const Failure* wrong = failure_of(reg, "wrongapi");
    ASSERT_NE(wrong, nullptr);
    EXPECT_NE(wrong->reason.find("999"), std::string::npos) << wrong->reason;
    const Failure* nofactory = failure_of(reg, "nofactory");
    ASSERT_NE(nofactory, nullptr);
    EXPECT_NE(nofactory->reason.find("reportbench_create_plugin"), std::string::npos) << nofactory->reason;
    const Failure* throws = failure_of(reg, "throws");
    ASSERT_NE(throws, nullptr);
    EXPECT_NE(throws->reason.find("fixture refuses to start"), std::string::npos) << throws->reason;
    const Failure* notaplugin = failure_of(reg, "notaplugin");
    ASSERT_NE(notaplugin, nullptr);
    EXPECT_NE(notaplugin->reason.find("reportbench_abi_layout"), std::string::npos) << notaplugin->reason;
    // A broken plugin brings nothing: not even its definitions.
    EXPECT_EQ(reg.find("t-wrongapi"), nullptr);
    EXPECT_EQ(reg.find("t-throws"), nullptr);
}

TEST_F(NativePlugins, ALibraryNamedButMissingIsReported) {
    const fs::path dir = root_ / "ghost";
    fs::create_directories(dir);
    std::ofstream(dir / "plugin.xml") << "<?xml version=\"1.0\"?><plugin xmlns=\"urn:reportbench:plugin:1\" id=\"ghost\" "
                                         "version=\"1\" apiVersion=\"1\"><name>g</name><library file=\"ghost.so\"/></plugin>";
    const Registry reg = discover();
    ASSERT_EQ(reg.failures().size(), 1u);
    EXPECT_NE(reg.failures()[0].reason.find("ghost."), std::string::npos);
}

TEST_F(NativePlugins, RulesAndDraftersOfALoadedLibraryRunOnAReport) {
    make_plugin("good", RB_FIXTURE_GOOD_PLUGIN);
    const Registry reg = discover();
    auto type = reg.find("fixture");
    ASSERT_NE(type, nullptr);
    report::Report r = report::new_report(*type, *report::Period::parse("2025"), report::UnitInfo{});
    ASSERT_TRUE(report::apply_values(r, *type, {{"A.1", "12"}}));
    auto ev = validate::Evaluation::create(type);
    ASSERT_TRUE(ev);
    ev->load(r);
    const auto res = validate_all(reg, *ev, r);
    bool big = false;
    for (const auto& f : res.findings)
        if (f.rule == "fixture.big" && f.message == "A.1 lớn: 12") big = true;
    EXPECT_TRUE(big);

    const auto outcomes = draft(reg, *ev, r);
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(r.narrative["S1"], "Tổng số là 12.");
    // A draft never replaces what the user wrote.
    r.narrative["S1"] = "Văn bản của người dùng.";
    draft(reg, *ev, r, "S1");
    EXPECT_EQ(r.narrative["S1"], "Văn bản của người dùng.");
}

// The handshake: a library built against another SDK is refused before anything is created
// (both fixtures abort if their factory is called), and the reason says which way to go.
TEST_F(NativePlugins, ALibraryBuiltAgainstAnotherInterfaceIsRefusedBeforeAnythingIsCreated) {
    make_plugin("old", RB_FIXTURE_OLD_SDK_PLUGIN, "t-old");
    make_plugin("newer", RB_FIXTURE_NEWER_INTERFACE_PLUGIN, "t-newer");
    const Registry reg = discover();
    EXPECT_TRUE(reg.plugins().empty());
    const Failure* old = failure_of(reg, "old");
    ASSERT_NE(old, nullptr);
    EXPECT_NE(old->reason.find("SDK cũ"), std::string::npos) << old->reason;
    const Failure* newer = failure_of(reg, "newer");
    ASSERT_NE(newer, nullptr);
    EXPECT_NE(newer->reason.find("Registrar"), std::string::npos) << newer->reason;
    EXPECT_NE(newer->reason.find("mới hơn"), std::string::npos) << newer->reason;
}

// A plugin that loads and then throws from its rules, its drafter and its file format: each
// failure is reported as the plugin's, and the work around it goes on.
TEST_F(NativePlugins, APluginThatThrowsAtRunTimeIsReportedEachTimeAndNothingElseStops) {
    make_plugin("throws-later", RB_FIXTURE_RUNTIME_THROWING_PLUGIN);
    const Registry reg = discover();
    ASSERT_EQ(reg.plugins().size(), 1u) << (reg.failures().empty() ? "" : reg.failures()[0].reason);
    auto type = reg.find("fixture");
    ASSERT_NE(type, nullptr);
    report::UnitInfo unit;
    unit.name = "Phương Định";
    report::Report r = report::new_report(*type, *report::Period::parse("2025"), unit);
    ASSERT_TRUE(report::apply_values(r, *type, {{"A.1", "12"}}));
    auto ev = validate::Evaluation::create(type);
    ASSERT_TRUE(ev);
    ev->load(r);

    const auto res = validate_all(reg, *ev, r);
    bool reported = false;
    for (const auto& f : res.findings)
        if (f.rule == "plugin-failure" && f.message.find("rules broke") != std::string::npos) reported = true;
    EXPECT_TRUE(reported) << "the rules' failure is a finding";
    EXPECT_GE(res.errors, 1);

    const auto outcomes = draft(reg, *ev, r);
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].kind, DraftOutcome::Kind::Failed);
    EXPECT_NE(outcomes[0].message.find("S1"), std::string::npos) << outcomes[0].message;
    EXPECT_EQ(r.narrative.count("S1"), 0u);

    ASSERT_EQ(reg.exporters().size(), 1u);
    EXPECT_EQ(reg.exporters()[0].id, "broken");
    const auto written = run_exporter(reg.exporters()[0], *ev, r, {"A.1"}, (root_ / "out.txt").string());
    ASSERT_FALSE(written);
    EXPECT_NE(written.error().find("broken"), std::string::npos) << written.error();
    EXPECT_NE(written.error().find("format broke"), std::string::npos) << written.error();
}

// The layout the handshake exchanges is the header's: each interface's count of methods is the
// number of pure virtual functions the header declares for it. Appending a method without
// raising its count fails here.
TEST(PluginApiLayout, TheCountsAreTheMethodsTheHeaderDeclares) {
    std::ifstream in(std::string(RB_SOURCE_DIR) + "/core/plugin/include/reportbench/plugin_api.hpp");
    const std::string header{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto methods_of = [&](const std::string& name) {
        const auto start = header.find("class " + name + " {");
        EXPECT_NE(start, std::string::npos) << name;
        const auto end = header.find("\n};", start);
        const std::string body = header.substr(start, end - start);
        int n = 0;
        for (auto at = body.find("= 0;"); at != std::string::npos; at = body.find("= 0;", at + 1)) ++n;
        return n;
    };
    const auto& l = api::kLayout;
    EXPECT_EQ(l.api_version, kApiVersion);
    EXPECT_EQ(l.report_view, methods_of("ReportView"));
    EXPECT_EQ(l.registrar, methods_of("Registrar"));
    EXPECT_EQ(l.rule_set, methods_of("RuleSet"));
    EXPECT_EQ(l.drafter, methods_of("Drafter"));
    EXPECT_EQ(l.exporter, methods_of("Exporter"));
    EXPECT_EQ(l.plugin, methods_of("Plugin"));
}

}  // namespace
}  // namespace rb::plugin
