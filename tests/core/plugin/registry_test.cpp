// Plugin folders: the good ones load, each broken one is listed with a reason that names the
// file, conflicts are resolved the same way every time, and the search path is what the
// design says (never the working directory unless asked for).
#include <gtest/gtest.h>

#include <unistd.h>

#include "../../support/portable.hpp"
#include "base/paths.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "plugin/registry.hpp"

namespace fs = std::filesystem;

namespace rb::plugin {
namespace {

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    ASSERT_TRUE(out.good()) << path;
}

std::string manifest(const std::string& id, const std::string& version, const std::vector<std::string>& files,
                     const std::string& api = "1") {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<plugin xmlns=\"urn:reportbench:plugin:1\" id=\"" + id + "\" version=\"" + version +
                    "\" apiVersion=\"" + api + "\">\n"
                    "  <name>Plugin " + id + "</name>\n"
                    "  <name lang=\"en\">Plugin " + id + " (en)</name>\n";
    for (const auto& f : files) s += "  <definition file=\"" + f + "\"/>\n";
    s += "</plugin>\n";
    return s;
}

// A small valid definition; `title` tells copies of the same type apart.
std::string definition(const std::string& id, const std::string& edition, const std::string& version,
                       const std::string& title = "Báo cáo thử") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<reportType xmlns=\"urn:reportbench:reporttype:1\" id=\"" + id + "\" edition=\"" + edition +
           "\" version=\"" + version + "\" formatVersion=\"1\">\n"
           "  <title>" + title + "</title>\n"
           "  <periods><period kind=\"quarter\"/></periods>\n"
           "  <narrative><section id=\"S\"><title>Mục</title></section></narrative>\n"
           "  <appendix><title>Phụ lục</title>\n"
           "    <group code=\"G\"><title>Nhóm</title>\n"
           "      <indicator code=\"A\" type=\"integer\" min=\"0\"><label>A</label></indicator>\n"
           "    </group>\n"
           "  </appendix>\n"
           "</reportType>\n";
}

// A fresh folder under the system's temporary directory, removed at the end of each test.
class RegistryTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        root_ = fs::temp_directory_path() /
                ("rb-registry-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(root_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }

    // A plugin folder `root/<dir>/<name>` holding a manifest and definitions (file → text).
    fs::path plugin(const std::string& dir, const std::string& name, const std::string& manifest_text,
                    const std::vector<std::pair<std::string, std::string>>& files = {}) {
        const fs::path folder = root_ / dir / name;
        fs::create_directories(folder);
        write_file(folder / "plugin.xml", manifest_text);
        for (const auto& [file, text] : files) write_file(folder / file, text);
        return folder;
    }

    std::string dir(const std::string& d) const { return (root_ / d).string(); }

    static const Failure* failure_of(const Registry& reg, const fs::path& folder) {
        for (const auto& f : reg.failures())
            if (fs::path(f.folder) == folder) return &f;
        return nullptr;
    }
    static const PluginInfo* plugin_named(const Registry& reg, const std::string& id) {
        for (const auto& p : reg.plugins())
            if (p.id == id) return &p;
        return nullptr;
    }
    static bool mentions(const std::vector<std::string>& texts, const std::string& a, const std::string& b) {
        return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
            return t.find(a) != std::string::npos && t.find(b) != std::string::npos;
        });
    }

    fs::path root_;
};

TEST_F(RegistryTest, GoodPluginsLoadAndEachBrokenOneIsListedWithItsFile) {
    const auto good = plugin("p", "a-good", manifest("good", "1.0.0", {"good.xml"}),
                             {{"good.xml", definition("good-type", "e1", "1.0")}});
    const auto malformed = plugin("p", "b-malformed", "<?xml version=\"1.0\"?>\n<plugin id=\"x\"\n");
    const auto bad_def = plugin("p", "c-bad-definition", manifest("baddef", "1.0.0", {"ok.xml", "broken.xml"}),
                                {{"ok.xml", definition("baddef-ok", "e1", "1.0")}});
    // broken.xml: a type value the schema does not know.
    std::string broken = definition("baddef-type", "e1", "1.0");
    broken.replace(broken.find("type=\"integer\""), 14, "type=\"number\"");
    write_file(bad_def / "broken.xml", broken);
    const auto api = plugin("p", "d-api", manifest("future", "1.0.0", {"f.xml"}, "2"),
                            {{"f.xml", definition("future-type", "e1", "1.0")}});
    const auto dotdot = plugin("p", "e-dotdot", manifest("escape", "1.0.0", {"../a-good/good.xml"}));
    const auto missing = plugin("p", "f-missing", manifest("missing", "1.0.0", {"nowhere.xml"}));
    const auto good2 = plugin("p", "g-good", manifest("good2", "2.1", {"x.xml"}),
                              {{"x.xml", definition("other-type", "e1", "1.0")}});
    fs::create_directories(root_ / "p" / "h-not-a-plugin");  // no plugin.xml: not a plugin, no failure

    const Registry reg = Registry::discover(SearchPath{{dir("p")}});

    ASSERT_EQ(reg.plugins().size(), 2u);
    EXPECT_EQ(reg.plugins()[0].id, "good");
    EXPECT_EQ(reg.plugins()[0].version, "1.0.0");
    EXPECT_EQ(reg.plugins()[0].name.vi, "Plugin good");
    EXPECT_EQ(reg.plugins()[0].name.en, "Plugin good (en)");
    EXPECT_EQ(reg.plugins()[0].type_keys, std::vector<std::string>{"good-type@e1"});
    EXPECT_EQ(fs::path(reg.plugins()[0].folder), good);
    EXPECT_EQ(reg.plugins()[1].id, "good2");
    ASSERT_NE(reg.find("good-type"), nullptr);
    ASSERT_NE(reg.find("good-type", "e1"), nullptr);
    EXPECT_EQ(reg.find("good-type", "e2"), nullptr);
    ASSERT_NE(reg.find("other-type"), nullptr);
    EXPECT_EQ(reg.plugin_of(*reg.find("good-type"))->id, "good");
    EXPECT_EQ(reg.types().size(), 2u);

    EXPECT_EQ(reg.failures().size(), 5u);
    struct Expect {
        fs::path folder;
        std::string file;  // the file the reason must name
        std::string also;  // and something saying what is wrong
    };
    for (const auto& e : {Expect{malformed, (malformed / "plugin.xml").string(), ""},
                          Expect{bad_def, (bad_def / "broken.xml").string(), "number"},
                          Expect{api, (api / "plugin.xml").string(), "2"},
                          Expect{dotdot, (dotdot / "plugin.xml").string(), "../a-good/good.xml"},
                          Expect{missing, (missing / "plugin.xml").string(), "nowhere.xml"}}) {
        SCOPED_TRACE(e.folder.string());
        const Failure* f = failure_of(reg, e.folder);
        ASSERT_NE(f, nullptr) << "not listed as failed";
        EXPECT_NE(f->reason.find(e.file), std::string::npos) << f->reason;
        if (!e.also.empty()) {
            EXPECT_NE(f->reason.find(e.also), std::string::npos) << f->reason;
        }
    }
    // A plugin with one broken definition is rejected whole: its good definition is not half-loaded.
    EXPECT_EQ(reg.find("baddef-ok"), nullptr);
    EXPECT_EQ(plugin_named(reg, "baddef"), nullptr);
    EXPECT_EQ(reg.find("future-type"), nullptr);
    EXPECT_EQ(plugin_named(reg, "escape"), nullptr);
    EXPECT_TRUE(reg.conflicts().empty());
}

TEST_F(RegistryTest, AFileNameWithDotDotIsRejectedByTheManifestSchema) {
    const auto inside = plugin("p", "a-escape", manifest("escape", "1.0", {"sub/../t.xml"}),
                               {{"t.xml", definition("t", "e1", "1.0")}});
    const Registry reg = Registry::discover(SearchPath{{dir("p")}});
    ASSERT_EQ(reg.failures().size(), 1u);
    EXPECT_NE(reg.failures()[0].reason.find((inside / "plugin.xml").string() + ":"), std::string::npos)
        << reg.failures()[0].reason;
    EXPECT_NE(reg.failures()[0].reason.find("sub/../t.xml"), std::string::npos) << reg.failures()[0].reason;
    EXPECT_TRUE(reg.plugins().empty());
    EXPECT_EQ(reg.find("t"), nullptr);
}

TEST_F(RegistryTest, AnAbsoluteFileNameIsRejectedByTheManifestSchema) {
    const auto good = plugin("p", "a-good", manifest("good", "1.0", {"t.xml"}),
                             {{"t.xml", definition("t", "e1", "1.0")}});
    plugin("p", "b-abs", manifest("abs", "1.0", {(good / "t.xml").string()}));
    const Registry reg = Registry::discover(SearchPath{{dir("p")}});
    EXPECT_EQ(reg.plugins().size(), 1u);
    ASSERT_EQ(reg.failures().size(), 1u);
    EXPECT_NE(reg.failures()[0].reason.find("plugin.xml"), std::string::npos);
}

TEST_F(RegistryTest, TheHigherDefinitionVersionWinsWhateverTheOrderFound) {
    plugin("p", "a-old", manifest("alpha", "1.0", {"t.xml"}), {{"t.xml", definition("shared", "e", "1.9", "alpha")}});
    plugin("p", "b-new", manifest("beta", "1.0", {"t.xml"}), {{"t.xml", definition("shared", "e", "1.10", "beta")}});
    const Registry reg = Registry::discover(SearchPath{{dir("p")}});
    ASSERT_NE(reg.find("shared", "e"), nullptr);
    EXPECT_EQ(reg.find("shared", "e")->version, "1.10");  // numeric: 1.10 > 1.9
    EXPECT_EQ(reg.find("shared", "e")->title.vi, "beta");
    EXPECT_EQ(reg.plugin_of(*reg.find("shared", "e"))->id, "beta");
    EXPECT_EQ(reg.editions("shared").size(), 1u);
    ASSERT_EQ(reg.conflicts().size(), 1u);
    EXPECT_TRUE(mentions(reg.conflicts(), "alpha", "beta")) << reg.conflicts()[0];
    EXPECT_TRUE(mentions(reg.conflicts(), "shared", "e")) << reg.conflicts()[0];
    EXPECT_TRUE(reg.failures().empty());
}

TEST_F(RegistryTest, TheHigherDefinitionVersionWinsWhenFoundFirst) {
    plugin("p", "a-new", manifest("alpha", "1.0", {"t.xml"}), {{"t.xml", definition("shared", "e", "2.0", "alpha")}});
    plugin("p", "b-old", manifest("beta", "1.0", {"t.xml"}), {{"t.xml", definition("shared", "e", "1.5", "beta")}});
    const Registry reg = Registry::discover(SearchPath{{dir("p")}});
    ASSERT_NE(reg.find("shared", "e"), nullptr);
    EXPECT_EQ(reg.find("shared", "e")->title.vi, "alpha");
    EXPECT_EQ(reg.plugin_of(*reg.find("shared", "e"))->id, "alpha");
    EXPECT_EQ(reg.conflicts().size(), 1u);
}

TEST_F(RegistryTest, OnATieTheTypeFoundFirstWinsEveryTime) {
    plugin("one", "x", manifest("zeta", "1.0", {"t.xml"}), {{"t.xml", definition("shared", "e", "1.0", "zeta")}});
    plugin("two", "x", manifest("alpha", "9.0", {"t.xml"}), {{"t.xml", definition("shared", "e", "1.0", "alpha")}});
    for (int run = 0; run < 3; ++run) {
        const Registry reg = Registry::discover(SearchPath{{dir("one"), dir("two")}});
        ASSERT_NE(reg.find("shared", "e"), nullptr);
        EXPECT_EQ(reg.find("shared", "e")->title.vi, "zeta");  // not the plugin with the higher version
        ASSERT_EQ(reg.conflicts().size(), 1u);
        EXPECT_TRUE(mentions(reg.conflicts(), "zeta", "alpha"));
        // Both plugins stay loaded; only the type is taken from the first.
        EXPECT_EQ(reg.plugins().size(), 2u);
    }
    // Search order decides: the other way round, the other copy wins.
    const Registry reversed = Registry::discover(SearchPath{{dir("two"), dir("one")}});
    EXPECT_EQ(reversed.find("shared", "e")->title.vi, "alpha");
}

TEST_F(RegistryTest, DifferentEditionsOfOneTypeDoNotConflict) {
    plugin("p", "a", manifest("alpha", "1.0", {"e1.xml", "e2.xml"}),
           {{"e1.xml", definition("shared", "e1", "1.0")}, {"e2.xml", definition("shared", "e2", "1.0")}});
    const Registry reg = Registry::discover(SearchPath{{dir("p")}});
    EXPECT_TRUE(reg.conflicts().empty());
    ASSERT_EQ(reg.editions("shared").size(), 2u);
    EXPECT_EQ(reg.find("shared")->edition, "e1");  // the default edition: the first one listed
}

TEST_F(RegistryTest, TheSamePluginIdTwiceKeepsTheOneFoundFirst) {
    const auto first = plugin("one", "dup", manifest("dup", "1.0", {"t.xml"}),
                              {{"t.xml", definition("dup-type", "e", "1.0", "first")}});
    const auto second = plugin("two", "dup", manifest("dup", "5.0", {"t.xml"}),
                               {{"t.xml", definition("dup-type", "e", "7.0", "second")}});
    const Registry reg = Registry::discover(SearchPath{{dir("one"), dir("two")}});
    ASSERT_EQ(reg.plugins().size(), 1u);
    EXPECT_EQ(fs::path(reg.plugins()[0].folder), first);
    EXPECT_EQ(reg.find("dup-type")->title.vi, "first");
    ASSERT_EQ(reg.conflicts().size(), 1u);
    EXPECT_NE(reg.conflicts()[0].find("dup"), std::string::npos);
    EXPECT_NE(reg.conflicts()[0].find(second.string()), std::string::npos) << reg.conflicts()[0];
}

TEST_F(RegistryTest, AFolderListedTwiceLoadsOnce) {
    plugin("p", "a", manifest("alpha", "1.0", {"t.xml"}), {{"t.xml", definition("t", "e", "1.0")}});
    const Registry reg = Registry::discover(SearchPath{{dir("p"), dir("p") + "/", dir("p") + "/a"}});
    EXPECT_EQ(reg.plugins().size(), 1u);
    EXPECT_TRUE(reg.conflicts().empty());
    EXPECT_TRUE(reg.failures().empty());
}

TEST_F(RegistryTest, AFolderThatIsItselfAPluginIsTakenAsOne) {
    const auto folder = plugin("p", "a", manifest("alpha", "1.0", {"t.xml"}), {{"t.xml", definition("t", "e", "1.0")}});
    const Registry reg = Registry::discover(SearchPath{{folder.string(), dir("missing-dir"), ""}});
    ASSERT_EQ(reg.plugins().size(), 1u);
    EXPECT_EQ(reg.plugins()[0].id, "alpha");
    EXPECT_TRUE(reg.failures().empty());
}

TEST(RegistryBundled, TheCchcPluginLoadsBothEditions) {
    const Registry reg = Registry::discover(SearchPath{{std::string(RB_BUILD_DIR) + "/share/reportbench/plugins"}});
    EXPECT_TRUE(reg.failures().empty()) << (reg.failures().empty() ? "" : reg.failures()[0].reason);
    ASSERT_NE(reg.find("cchc"), nullptr);
    EXPECT_EQ(reg.find("cchc")->edition, "nam-dinh-2024");
    EXPECT_NE(reg.find("cchc", "ninh-binh-2025"), nullptr);
    EXPECT_EQ(reg.editions("cchc").size(), 2u);
    ASSERT_NE(reg.plugin_of(*reg.find("cchc")), nullptr);
    EXPECT_EQ(reg.plugin_of(*reg.find("cchc"))->id, "cchc");
}

// ---------------------------------------------------------------------------------------------
// Search path

// Sets an environment variable for one scope and restores it afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) rb::test::set_env(name, value);
        else rb::test::unset_env(name);
    }
    ~ScopedEnv() {
        if (old_) rb::test::set_env(name_.c_str(), *old_);
        else rb::test::unset_env(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(SearchPath, TheCommandLineFirstThenTheInstallAndUserFoldersThenTheEnvironment) {
    ScopedEnv data("REPORTBENCH_DATA_DIR", "/opt/rb-test/share/reportbench");
#ifdef _WIN32
    // The install's folder, then the machine's (IT staff), then the user's; ';' separates.
    ScopedEnv user("REPORTBENCH_USER_DIR", "C:\\Users\\Hà\\AppData\\Roaming\\ReportBench");
    ScopedEnv env("REPORTBENCH_PLUGIN_PATH", "D:\\rb-a;;E:\\rb-b;");
    const auto p = SearchPath::standard({"/extra/one", "/extra/two"});
    const std::vector<std::string> expected = {
        "/extra/one", "/extra/two", "/opt/rb-test/share/reportbench\\plugins", paths::machine_plugin_dir(),
        "C:\\Users\\Hà\\AppData\\Roaming\\ReportBench\\plugins", "D:\\rb-a", "E:\\rb-b"};
    EXPECT_EQ(paths::machine_plugin_dir(), paths::join(paths::environment("PROGRAMDATA"), "ReportBench\\plugins"));
#else
    ScopedEnv xdg("XDG_DATA_HOME", "/home/rb-test/.local/share");
    ScopedEnv env("REPORTBENCH_PLUGIN_PATH", "/srv/rb-a::/srv/rb-b:");
    const auto p = SearchPath::standard({"/extra/one", "/extra/two"});
    const std::vector<std::string> expected = {
        "/extra/one", "/extra/two", "/opt/rb-test/share/reportbench/plugins",
        "/home/rb-test/.local/share/reportbench/plugins", "/srv/rb-a", "/srv/rb-b"};
#endif
    EXPECT_EQ(p.dirs, expected);
    EXPECT_EQ(p.command_line, 2u);
}

#ifdef _WIN32
constexpr std::size_t kStandardFolders = 3;  // the install's, the machine's, the user's
#else
constexpr std::size_t kStandardFolders = 2;  // the install's, the user's
#endif

TEST(SearchPath, WithoutTheVariableOnlyTheStandardFoldersAndTheExtraDirs) {
    ScopedEnv env("REPORTBENCH_PLUGIN_PATH", nullptr);
    const auto p = SearchPath::standard({"/extra/one"});
    ASSERT_EQ(p.dirs.size(), kStandardFolders + 1);
    EXPECT_EQ(p.dirs.front(), "/extra/one");
    EXPECT_FALSE(contains(p.dirs, "/srv/rb-a"));
}

TEST(SearchPath, AnEmptyVariableAddsNothing) {
    ScopedEnv env("REPORTBENCH_PLUGIN_PATH", "");
    EXPECT_EQ(SearchPath::standard({}).dirs.size(), kStandardFolders);
}

TEST(SearchPath, NeverTheWorkingDirectoryUnlessGiven) {
    ScopedEnv env("REPORTBENCH_PLUGIN_PATH", nullptr);
    const std::string cwd = fs::current_path().string();
    const auto p = SearchPath::standard({});
    for (const auto& d : p.dirs) {
        EXPECT_FALSE(d.empty());
        EXPECT_NE(d, ".");
        EXPECT_NE(d, "./");
        EXPECT_NE(d, cwd);
        EXPECT_TRUE(fs::path(d).is_absolute()) << d;
    }
    EXPECT_TRUE(contains(SearchPath::standard({"."}).dirs, "."));
    {
        ScopedEnv dot("REPORTBENCH_PLUGIN_PATH", ".");
        EXPECT_TRUE(contains(SearchPath::standard({}).dirs, "."));
    }
}

// ---------------------------------------------------------------------------------------------
// check_file

TEST(CheckFile, TheBundledDefinitionManifestAndSampleReportAreValid) {
    const std::string src = RB_SOURCE_DIR;
    for (const auto& f : {src + "/plugins/cchc/cchc-nam-dinh-2024.xml", src + "/plugins/cchc/cchc-ninh-binh-2025.xml",
                          // the manifest where its native library is built beside it
                          std::string(RB_BUILD_DIR) + "/share/reportbench/plugins/cchc/plugin.xml",
                          src + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr"}) {
        const auto problems = check_file(f).errors;
        EXPECT_TRUE(problems.empty()) << f << ":\n" << (problems.empty() ? "" : problems.front());
    }
}

TEST_F(RegistryTest, CheckFileGivesEveryProblemWithFileLineAndColumn) {
    std::string def = definition("t", "e", "1.0");
    def.replace(def.find("type=\"integer\""), 14, "type=\"number\"");
    def.replace(def.find("<title>Báo cáo thử</title>"), 0, "<bogus/>\n  ");
    const fs::path bad_def = root_ / "bad-def.xml";
    write_file(bad_def, def);
    const auto problems = check_file(bad_def.string()).errors;
    ASSERT_GE(problems.size(), 1u);
    for (const auto& p : problems)
        EXPECT_EQ(p.rfind(bad_def.string() + ":", 0), 0u) << p;
    EXPECT_TRUE(std::any_of(problems.begin(), problems.end(), [&](const std::string& p) {
        return p.find(bad_def.string() + ":3:3: ") == 0 && p.find("bogus") != std::string::npos;
    })) << problems.front();

    // A definition valid against the schema but wrong for the loader (min > max).
    std::string def2 = definition("t", "e", "1.0");
    def2.replace(def2.find("min=\"0\""), 7, "min=\"5\" max=\"1\"");
    const fs::path bad_def2 = root_ / "bad-def2.xml";
    write_file(bad_def2, def2);
    const auto problems2 = check_file(bad_def2.string()).errors;
    ASSERT_EQ(problems2.size(), 1u);
    EXPECT_EQ(problems2[0].rfind(bad_def2.string() + ":8:", 0), 0u) << problems2[0];
    EXPECT_NE(problems2[0].find("min"), std::string::npos) << problems2[0];

    const fs::path bad_manifest = root_ / "plugin.xml";
    write_file(bad_manifest, manifest("Bad Id", "1.0", {"../x.xml"}));
    const auto problems3 = check_file(bad_manifest.string()).errors;
    ASSERT_EQ(problems3.size(), 2u);  // the id (line 2) and the file name (line 5)
    EXPECT_EQ(problems3[0].rfind(bad_manifest.string() + ":2:", 0), 0u) << problems3[0];
    EXPECT_NE(problems3[0].find("Bad Id"), std::string::npos) << problems3[0];
    EXPECT_EQ(problems3[1].rfind(bad_manifest.string() + ":5:3: ", 0), 0u) << problems3[1];
    EXPECT_NE(problems3[1].find("../x.xml"), std::string::npos) << problems3[1];

    const fs::path bad_report = root_ / "r.rbr";
    write_file(bad_report, "<?xml version=\"1.0\"?>\n<report xmlns=\"urn:reportbench:report:1\" formatVersion=\"1\">\n"
                           "  <nonsense/>\n</report>\n");
    const auto problems4 = check_file(bad_report.string()).errors;
    ASSERT_FALSE(problems4.empty());
    EXPECT_EQ(problems4[0].rfind(bad_report.string() + ":", 0), 0u) << problems4[0];

    const fs::path not_xml = root_ / "notes.txt";
    write_file(not_xml, "this is not XML <");
    const auto problems5 = check_file(not_xml.string()).errors;
    ASSERT_EQ(problems5.size(), 1u);
    EXPECT_EQ(problems5[0].rfind(not_xml.string() + ":1:", 0), 0u) << problems5[0];

    const fs::path other = root_ / "other.xml";
    write_file(other, "<?xml version=\"1.0\"?>\n<html/>\n");
    const auto problems6 = check_file(other.string()).errors;
    ASSERT_EQ(problems6.size(), 1u);
    EXPECT_NE(problems6[0].find(other.string()), std::string::npos);
    EXPECT_NE(problems6[0].find("<html>"), std::string::npos) << problems6[0];

    const auto problems7 = check_file((root_ / "absent.xml").string()).errors;
    ASSERT_EQ(problems7.size(), 1u);
    EXPECT_NE(problems7[0].find("absent.xml"), std::string::npos);
}

}  // namespace
}  // namespace rb::plugin
