// An IT officer's mistakes in a plugin of their own (a civil-registration report), each caught
// before a user sees it: `schema check` (check_file) and loading (Registry::discover) run the
// same checks and say the same thing, with the file, line and column, in Vietnamese and in
// English, and with the fix when there is a likely one.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "i18n/i18n.hpp"
#include "plugin/registry.hpp"

namespace fs = std::filesystem;

namespace rb::plugin::authoring {
namespace {

const char* kManifest = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns="urn:reportbench:plugin:1" id="ho-tich" version="1.0" apiVersion="1">
  <name>Báo cáo hộ tịch</name>
  <definition file="ho-tich.xml"/>
  <profile file="so-tu-phap.xml"/>
</plugin>
)xml";

// The definition as the officer meant it; each case below changes one thing.
const char* kDefinition = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="ho-tich" edition="2025" version="1" formatVersion="1">
  <title>Báo cáo công tác hộ tịch</title>
  <periods><period kind="quarter"/></periods>
  <document parentBody="UBND TỈNH {PROVINCE}" issuingBody="UBND XÃ {UNIT}">
    <summary>Kết quả công tác hộ tịch {period}</summary>
  </document>
  <narrative>
    <section id="I" number="I"><title>Kết quả đăng ký khai sinh</title>
      <draft>Trong kỳ, UBND xã {unit} đăng ký khai sinh cho {I.1} trường hợp, trong đó {I.2} trường hợp đúng hạn.</draft>
    </section>
  </narrative>
  <appendix>
    <title>Phụ lục</title>
    <group code="I">
      <title>Khai sinh</title>
      <heading code="I.0"><label>Số liệu khai sinh</label></heading>
      <indicator code="I.1" type="integer" min="0" unit="trường hợp"><label>Số trường hợp đăng ký khai sinh</label></indicator>
      <indicator code="I.2" type="integer" min="0" unit="trường hợp"><label>Trong đó: đúng hạn</label></indicator>
      <indicator code="I.3" type="percent" computed="ratio(I.2, I.1)"><label>Tỷ lệ đúng hạn</label></indicator>
    </group>
  </appendix>
  <rules>
    <rule id="r1" severity="error" test="I.2 &lt;= I.1">
      <message>Số đúng hạn ({I.2}) lớn hơn tổng số ({I.1})</message>
      <message lang="en">On time ({I.2}) exceeds the total ({I.1})</message>
    </rule>
    <rule id="r2" severity="warning" test="I.3 &gt;= 80">
      <message>Tỷ lệ đúng hạn {I.3} dưới 80%</message>
    </rule>
  </rules>
</reportType>
)xml";

const char* kProfile = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:reportbench:profile:1" id="so-tu-phap" type="ho-tich">
  <title>Mẫu của Sở Tư pháp</title>
  <appendix>
    <rows>
      <row code="I.1"/>
      <row code="I.2"/>
    </rows>
  </appendix>
</profile>
)xml";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

int line_of(const std::string& text, const std::string& marker) {
    const auto at = text.find(marker);
    EXPECT_NE(at, std::string::npos) << marker;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

struct Mistake {
    const char* what = "";
    std::string manifest = kManifest, definition = kDefinition, profile = kProfile;
    std::string file;         // the file named in the message ("ho-tich.xml")
    std::string marker;       // text on the line the message must point at (in `file`)
    bool refused = true;      // false: loaded, with a warning for the author
    std::string vi, en;       // what the message must say in each language
};

// The plugin as meant.
Mistake none() {
    Mistake m;
    m.what = "none";
    return m;
}

std::vector<Mistake> mistakes() {
    std::vector<Mistake> m;
    m.push_back({"a rule message naming an unknown code",
                 kManifest,
                 replaced(kDefinition, "lớn hơn tổng số ({I.1})</message>", "lớn hơn tổng số ({I.55})</message>"),
                 kProfile, "ho-tich.xml", "{I.55}", true,
                 "quy tắc r1: “{I.55}” không điền được vì không có chỉ tiêu mã “I.55” (có phải “{I.5}”?)",
                 "rule r1: “{I.55}” cannot be filled in: there is no indicator with code “I.55”"});
    // "{I.5}" does not exist either: the suggestion must be a real code.
    m.back().vi = "quy tắc r1: “{I.55}” không điền được vì không có chỉ tiêu mã “I.55”";
    m.push_back({"a draft naming an unknown code", kManifest,
                 replaced(kDefinition, "trong đó {I.2} trường hợp", "trong đó {III.9} trường hợp"), kProfile,
                 "ho-tich.xml", "{III.9}", true,
                 "mục I: “{III.9}” không điền được vì không có chỉ tiêu mã “III.9”, và ngoài mã chỉ tiêu chỉ điền "
                 "được {unit}",
                 "section I: “{III.9}” cannot be filled in: there is no indicator with code “III.9”"});
    m.push_back({"a document name misspelt", kManifest, replaced(kDefinition, "UBND XÃ {UNIT}", "UBND XÃ {UNTI}"),
                 kProfile, "ho-tich.xml", "{UNTI}", true, "(có phải “{UNIT}”?)", "(did you mean “{UNIT}”?)"});
    m.push_back({"a message naming a heading", kManifest,
                 replaced(kDefinition, "Tỷ lệ đúng hạn {I.3} dưới", "Tỷ lệ đúng hạn {I.0} dưới"), kProfile,
                 "ho-tich.xml", "{I.0}", true, "“I.0” là dòng tiêu đề, không có số liệu",
                 "“I.0” is a heading row, which holds no figure"});
    m.push_back({"a percent threshold written as a fraction", kManifest,
                 replaced(kDefinition, "test=\"I.3 &gt;= 80\"", "test=\"I.3 &gt;= 0.8\""), kProfile, "ho-tich.xml",
                 "I.3 &gt;= 0.8", false, "I.3 là tỷ lệ phần trăm, tính theo thang 0–100, mà được so với 0.8; có phải 80?",
                 "I.3 is a percentage, on a 0–100 scale, but is compared with 0.8; did you mean 80?"});
    m.push_back({"a profile for a misspelt type", kManifest, kDefinition,
                 replaced(kProfile, "type=\"ho-tich\"", "type=\"hotich\""), "so-tu-phap.xml", "<profile", true,
                 "dành cho loại báo cáo “hotich”, nhưng không có loại báo cáo nào như vậy được cài (có phải “ho-tich”?)",
                 "is for report type “hotich”, but no such report type is installed (did you mean “ho-tich”?)"});
    m.push_back({"a profile for an edition that does not exist", kManifest, kDefinition,
                 replaced(kProfile, "type=\"ho-tich\"", "type=\"ho-tich\" editions=\"2052\""), "so-tu-phap.xml",
                 "<profile", true, "nêu ấn bản “2052” mà loại báo cáo ho-tich không có (có phải “2025”?)",
                 "names edition “2052”, which report type ho-tich does not have (did you mean “2025”?)"});
    m.push_back({"a profile row naming an unknown code", kManifest, kDefinition,
                 replaced(kProfile, "<row code=\"I.2\"/>", "<row code=\"I.22\"/>"), "so-tu-phap.xml", "I.22", true,
                 "nêu chỉ tiêu “I.22” mà mẫu 2025 không có (có phải “I.2”?)",
                 "lists indicator “I.22”, which edition 2025 does not have (did you mean “I.2”?)"});
    m.push_back({"a manifest naming a missing file",
                 replaced(kManifest, "<definition file=\"ho-tich.xml\"/>",
                          "<definition file=\"ho-tich.xml\"/>\n  <definition file=\"khai-tu.xml\"/>"),
                 kDefinition, kProfile, "plugin.xml", "khai-tu.xml", true,
                 "tệp “khai-tu.xml” mà plugin.xml nêu không có trong thư mục plugin",
                 "the file “khai-tu.xml” named in plugin.xml is not in the plugin folder"});
    m.push_back({"a code declared twice", kManifest,
                 replaced(kDefinition, "<indicator code=\"I.3\"", "<indicator code=\"I.2\" type=\"integer\"><label>Lặp</label></indicator>\n      <indicator code=\"I.3\""),
                 kProfile, "ho-tich.xml", "<label>Lặp", true,
                 "mã chỉ tiêu “I.2” đã được khai báo ở dòng " + std::to_string(line_of(kDefinition, "code=\"I.2\"")),
                 "indicator code “I.2” was already declared on line " +
                     std::to_string(line_of(kDefinition, "code=\"I.2\""))});
    // Mistakes of the XML itself: the same explained message from both stages.
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string(kDefinition)) utf16 += c, utf16 += '\0';  // the ASCII of it is enough here
    m.push_back({"a definition saved from Notepad as “Unicode”", kManifest, utf16, kProfile, "ho-tich.xml", "", true,
                 "tệp được lưu dạng UTF-16 (“Unicode”), chương trình chỉ đọc UTF-8",
                 "the file is saved as UTF-16 (“Unicode”), but only UTF-8 is read"});
    m.push_back({"“=<” in a rule", kManifest, replaced(kDefinition, "test=\"I.2 &lt;= I.1\"", "test=\"I.2 =< I.1\""),
                 kProfile, "ho-tich.xml", "I.2 =< I.1", true, "“nhỏ hơn hoặc bằng” viết là “&lt;=”",
                 "“less than or equal” is written “&lt;=”"});
    m.push_back({"a misspelt attribute", kManifest, replaced(kDefinition, "min=\"0\" unit", "mni=\"0\" unit"),
                 kProfile, "ho-tich.xml", "mni=", true, "<indicator> không có thuộc tính “mni” (có phải “min”?)",
                 "<indicator> has no attribute “mni” (did you mean “min”?)"});
    return m;
}

class Authoring : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        root_ = fs::temp_directory_path() /
                ("rb-authoring-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(root_);
    }
    void TearDown() override {
        i18n::set_language(i18n::Language::Vietnamese, locale_dir());
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    static std::string locale_dir() { return RB_BUILD_DIR "/share/locale"; }

    fs::path write(const Mistake& m, const std::string& name) {
        const fs::path folder = root_ / "plugins" / name;
        fs::create_directories(folder);
        std::ofstream(folder / "plugin.xml", std::ios::binary) << m.manifest;
        std::ofstream(folder / "ho-tich.xml", std::ios::binary) << m.definition;
        std::ofstream(folder / "so-tu-phap.xml", std::ios::binary) << m.profile;
        return folder;
    }

    fs::path root_;
};

// The message for `m` must point at its line in `file` and say `expected`.
void expect_located(const std::vector<std::string>& messages, const fs::path& folder, const Mistake& m,
                    const std::string& expected) {
    const std::string text = m.file == "plugin.xml" ? m.manifest : m.file == "ho-tich.xml" ? m.definition : m.profile;
    const int line = m.marker.empty() ? 1 : line_of(text, m.marker);
    const std::string prefix = (folder / m.file).string() + ":" + std::to_string(line) + ":";
    for (const auto& msg : messages)
        if (msg.rfind(prefix, 0) == 0 && msg.find(expected) != std::string::npos) {
            EXPECT_TRUE(std::regex_search(msg, std::regex("^[^ ]+:[0-9]+:[1-9][0-9]*: "))) << "no column: " << msg;
            return;
        }
    std::string all;
    for (const auto& msg : messages) all += "\n  " + msg;
    ADD_FAILURE() << "expected “" << expected << "” at " << prefix << "<col>, got:" << all;
}

TEST_F(Authoring, TheOfficersPluginAsMeantLoadsWithoutAWord) {
    const fs::path folder = write(none(), "ok");
    const auto checked = check_file((folder / "plugin.xml").string());
    EXPECT_TRUE(checked.errors.empty()) << checked.errors.front();
    EXPECT_TRUE(checked.warnings.empty()) << checked.warnings.front();
    const Registry reg = Registry::discover(SearchPath{{(root_ / "plugins").string()}});
    EXPECT_TRUE(reg.failures().empty()) << reg.failures().front().reason;
    EXPECT_NE(reg.find("ho-tich"), nullptr);
    EXPECT_NE(reg.find_profile("so-tu-phap"), nullptr);
}

TEST_F(Authoring, EachMistakeIsCaughtBySchemaCheckAndByLoadingWithTheSameMessageInBothLanguages) {
    const std::string mo = locale_dir() + "/en/LC_MESSAGES/reportbench.mo";
    ASSERT_TRUE(fs::exists(mo)) << "catalogs not built: " << mo;
    int n = 0;
    for (const auto& m : mistakes()) {
        SCOPED_TRACE(m.what);
        const fs::path folder = write(m, "p" + std::to_string(n++));
        for (const auto lang : {i18n::Language::Vietnamese, i18n::Language::English}) {
            i18n::set_language(lang, locale_dir());
            const std::string& expected = lang == i18n::Language::English ? m.en : m.vi;
            // schema check on the file itself, and on the plugin's manifest
            const auto on_file = check_file((folder / m.file).string());
            const auto on_plugin = check_file((folder / "plugin.xml").string());
            for (const auto* checked : {&on_file, &on_plugin}) {
                if (m.refused) {
                    expect_located(checked->errors, folder, m, expected);
                } else {
                    EXPECT_TRUE(checked->errors.empty()) << checked->errors.front();
                    expect_located(checked->warnings, folder, m, expected);
                }
            }
            // loading, as the desktop and the CLI do at start
            const Registry reg = Registry::discover(SearchPath{{folder.string()}});
            std::vector<std::string> said;
            for (const auto& f : reg.failures()) {
                std::string rest = f.reason;
                for (std::size_t nl; (nl = rest.find('\n')) != std::string::npos; rest.erase(0, nl + 1))
                    said.push_back(rest.substr(0, nl));
                said.push_back(rest);
            }
            if (m.refused) {
                expect_located(said, folder, m, expected);
                const bool profile_only = m.file == "so-tu-phap.xml";
                EXPECT_EQ(reg.find("ho-tich") != nullptr, profile_only) << "a refused definition must not load";
                EXPECT_EQ(reg.find_profile("so-tu-phap"), nullptr) << "a refused profile must not be offered";
            } else {
                EXPECT_TRUE(said.empty()) << said.front();
                expect_located(reg.warnings(), folder, m, expected);
                EXPECT_NE(reg.find("ho-tich"), nullptr);
            }
        }
    }
}

TEST_F(Authoring, AProfileForAnotherPluginsTypeIsCheckedAgainstThatType) {
    // A recipient format dropped in its own folder, for the officer's type installed beside it.
    const fs::path type_folder = write(none(), "ho-tich");
    fs::remove(type_folder / "so-tu-phap.xml");
    std::ofstream(type_folder / "plugin.xml", std::ios::binary)
        << replaced(kManifest, "  <profile file=\"so-tu-phap.xml\"/>\n", "");
    const fs::path format = root_ / "plugins" / "so-tu-phap";
    fs::create_directories(format);
    std::ofstream(format / "plugin.xml", std::ios::binary)
        << replaced(replaced(kManifest, "  <definition file=\"ho-tich.xml\"/>\n", ""), "id=\"ho-tich\"",
                    "id=\"so-tu-phap\"");
    std::ofstream(format / "so-tu-phap.xml", std::ios::binary)
        << replaced(kProfile, "<row code=\"I.2\"/>", "<row code=\"II.2\"/>");

    const Registry reg = Registry::discover(SearchPath{{(root_ / "plugins").string()}});
    EXPECT_NE(reg.find("ho-tich"), nullptr);
    EXPECT_EQ(reg.find_profile("so-tu-phap"), nullptr);
    ASSERT_EQ(reg.failures().size(), 1u);
    EXPECT_EQ(fs::path(reg.failures()[0].folder), format);
    EXPECT_NE(reg.failures()[0].reason.find("“II.2”"), std::string::npos) << reg.failures()[0].reason;

    // schema check of the profile alone knows the installed type only when told of it.
    const auto alone = check_file((format / "so-tu-phap.xml").string());
    ASSERT_FALSE(alone.errors.empty());
    EXPECT_NE(alone.errors[0].find("không có loại báo cáo nào như vậy"), std::string::npos) << alone.errors[0];
    const Registry installed = Registry::discover(SearchPath{{type_folder.string()}});
    const auto with_installed = check_file((format / "so-tu-phap.xml").string(), &installed);
    ASSERT_EQ(with_installed.errors.size(), 1u);
    EXPECT_NE(with_installed.errors[0].find("“II.2”"), std::string::npos) << with_installed.errors[0];
}

TEST_F(Authoring, AReportOfARefusedPluginsTypeSaysWhyAndTheFingerprintFollowsTheFailures) {
    Mistake m = none();
    m.definition = replaced(kDefinition, "test=\"I.2 &lt;= I.1\"", "test=\"I.2 =< I.1\"");
    const fs::path folder = write(m, "ho-tich");
    const Registry refused = Registry::discover(SearchPath{{(root_ / "plugins").string()}});
    ASSERT_EQ(refused.failures().size(), 1u);
    EXPECT_EQ(refused.failures()[0].type_ids, std::vector<std::string>{"ho-tich"});
    const std::string why = refused.why_unavailable("ho-tich", "2025");
    EXPECT_NE(why.find("không được nạp"), std::string::npos) << why;
    EXPECT_NE(why.find("“&lt;=”"), std::string::npos) << why;
    EXPECT_NE(why.find(folder.string()), std::string::npos) << why;
    EXPECT_NE(refused.why_unavailable("khac", "1").find("chưa được cài đặt"), std::string::npos);
    const std::string fingerprint = refused.failures_fingerprint();
    EXPECT_EQ(fingerprint.size(), 16u);
    EXPECT_EQ(Registry::discover(SearchPath{{(root_ / "plugins").string()}}).failures_fingerprint(), fingerprint);

    std::ofstream(folder / "ho-tich.xml", std::ios::binary) << kDefinition;  // fixed
    const Registry fixed = Registry::discover(SearchPath{{(root_ / "plugins").string()}});
    EXPECT_TRUE(fixed.failures_fingerprint().empty());
    const std::string other_edition = fixed.why_unavailable("ho-tich", "2024");
    EXPECT_NE(other_edition.find("các ấn bản đã cài: 2025"), std::string::npos) << other_edition;
    std::ofstream(folder / "ho-tich.xml", std::ios::binary) << replaced(kDefinition, "min=\"0\" unit", "mni=\"0\" unit");
    const std::string again = Registry::discover(SearchPath{{(root_ / "plugins").string()}}).failures_fingerprint();
    EXPECT_FALSE(again.empty());
    EXPECT_NE(again, fingerprint);
}

TEST_F(Authoring, APluginGivenOnTheCommandLineWinsOverTheInstalledCopy) {
    const fs::path installed = write(none(), "installed");
    Mistake testing = none();
    testing.definition = replaced(kDefinition, "Báo cáo công tác hộ tịch", "Bản đang thử");
    const fs::path tested = root_ / "testing";
    fs::create_directories(tested);
    for (const char* f : {"plugin.xml", "ho-tich.xml", "so-tu-phap.xml"})
        std::ofstream(tested / f, std::ios::binary)
            << (std::string(f) == "ho-tich.xml" ? testing.definition : std::string(f) == "plugin.xml" ? kManifest : kProfile);
    SearchPath path;
    path.dirs = {tested.string(), installed.string()};
    path.command_line = 1;
    const Registry reg = Registry::discover(path);
    ASSERT_NE(reg.find("ho-tich"), nullptr);
    EXPECT_EQ(reg.find("ho-tich")->title.vi, "Bản đang thử");
    ASSERT_EQ(reg.conflicts().size(), 1u);
    EXPECT_NE(reg.conflicts()[0].find("--plugin-path"), std::string::npos) << reg.conflicts()[0];
    EXPECT_TRUE(reg.failures().empty());
}

}  // namespace
}  // namespace rb::plugin::authoring
