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
    void TearDown() override { fs::remove_all(root_); }

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
            fs::copy_file(library, dir / "native.so");
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
    EXPECT_NE(notaplugin->reason.find("reportbench_api_version"), std::string::npos) << notaplugin->reason;
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
    EXPECT_NE(reg.failures()[0].reason.find("ghost.so"), std::string::npos);
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

}  // namespace
}  // namespace rb::plugin
