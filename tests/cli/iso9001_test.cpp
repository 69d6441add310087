// The ISO 9001 maintenance report (plugins/iso9001), end to end through the real program: the
// type as listed and described, its periods, the complete Hải Hậu 2025 sample made by its
// script, and the sample with a reviewer's typical mistakes.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

namespace fs = std::filesystem;

const std::string kIsoPlugin = std::string(RB_SOURCE_DIR) + "/plugins/iso9001";
const std::string kIsoSamples = kIsoPlugin + "/samples";
const std::string kEdition = "tcvn-iso-9001-2015";
const std::vector<std::string> kIsoSections = {"intro", "I",     "II",    "III.1", "III.2",  "III.3",
                                            "III.4", "III.5", "III.6", "III.7", "III.8",  "IV.1",
                                            "IV.2",  "IV.3",  "V",     "VI",    "closing"};

// ---------------------------------------------------------------------------------------------
// The type

TEST(Iso9001Type, IsListedWithItsEditionAndPeriods) {
    Sandbox box;
    const CliRun r = box.cli({"types", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = parse_json(r);
    int found = 0;
    for (const auto& t : j["types"]) {
        if (t["id"] != "iso9001") continue;
        ++found;
        EXPECT_EQ(t["title"],
                  "Báo cáo tình hình duy trì, áp dụng và cải tiến Hệ thống quản lý chất lượng theo "
                  "TCVN ISO 9001:2015");
        ASSERT_EQ(t["editions"].size(), 1u);
        const auto& e = t["editions"][0];
        EXPECT_EQ(e["edition"], kEdition);
        EXPECT_EQ(e["version"], "1.0");
        EXPECT_EQ(e["plugin"], "iso9001");
        EXPECT_EQ(e["periods"], nlohmann::json::parse(R"(["half-year", "year"])"));
    }
    EXPECT_EQ(found, 1) << r.out;

    const auto plugins = parse_json(box.cli({"plugins", "--json"}));
    bool loaded = false;
    for (const auto& p : plugins["plugins"])
        if (p["id"] == "iso9001") loaded = p["types"] == nlohmann::json::array({"iso9001@" + kEdition});
    EXPECT_TRUE(loaded) << plugins.dump(2);
    for (const auto& f : plugins["failed"])
        EXPECT_EQ(f["folder"].get<std::string>().find("iso9001"), std::string::npos) << f;
}

TEST(Iso9001Type, DescribeJsonHasTheSectionsAndIndicatorsInOrder) {
    Sandbox box;
    const CliRun r = box.cli({"describe", "iso9001", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = parse_json(r);
    for (const char* key : {"id", "edition", "version", "title", "periods", "sections", "indicators"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["id"], "iso9001");
    EXPECT_EQ(j["edition"], kEdition);
    EXPECT_EQ(j["periods"], nlohmann::json::parse(R"(["half-year", "year"])"));

    // Sections: id, number, level, in document order.
    const std::vector<std::tuple<std::string, std::string, int>> sections = {
        {"intro", "", 0},  {"I", "I", 0},     {"II", "II", 0},   {"III", "III", 0}, {"III.1", "1", 1},
        {"III.2", "2", 1}, {"III.3", "3", 1}, {"III.4", "4", 1}, {"III.5", "5", 1}, {"III.6", "6", 1},
        {"III.7", "7", 1}, {"III.8", "8", 1}, {"IV", "IV", 0},   {"IV.1", "1", 1},  {"IV.2", "2", 1},
        {"IV.3", "3", 1},  {"V", "V", 0},     {"VI", "VI", 0},   {"closing", "", 0}};
    ASSERT_EQ(j["sections"].size(), sections.size()) << j["sections"].dump(2);
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const auto& [id, number, level] = sections[i];
        EXPECT_EQ(j["sections"][i]["id"], id) << i;
        EXPECT_EQ(j["sections"][i]["number"], number) << id;
        EXPECT_EQ(j["sections"][i]["level"], level) << id;
        EXPECT_FALSE(j["sections"][i]["title"].get<std::string>().empty()) << id;
    }
    EXPECT_EQ(j["sections"][1]["title"], "PHẠM VI ÁP DỤNG VÀ VIỆC CÔNG BỐ HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG");

    // Indicators: code, type, and the formula of every computed one.
    struct Row {
        const char* code;
        const char* type;
        const char* formula;  // empty: typed
    };
    const Row rows[] = {
        {"I.1", "integer", ""},
        {"I.2", "integer", ""},
        {"I.3", "percent", "ratio(I.2, I.1)"},
        {"I.4", "integer", "sum(I.4.1, I.4.2, I.4.3)"},
        {"I.4.1", "integer", ""},
        {"I.4.2", "integer", ""},
        {"I.4.3", "integer", ""},
        {"I.5", "integer", ""},
        {"I.6", "integer", ""},
        {"II.1", "yesno", ""},
        {"II.2", "text", ""},
        {"II.3", "date", ""},
        {"II.4", "integer", ""},
        {"III.1", "integer", ""},
        {"III.2", "integer", ""},
        {"III.3", "percent", "ratio(III.2, III.1)"},
        {"IV.1", "integer", ""},
        {"IV.2", "integer", ""},
        {"IV.3", "integer", ""},
        {"IV.4", "percent", "ratio(IV.3, IV.2)"},
        {"V.1", "integer", ""},
        {"VI.1", "integer", ""},
        {"VI.2", "integer", ""},
        {"VI.3", "integer", ""},
        {"VI.4", "integer", ""},
        {"VII.1", "integer", ""},
        {"VII.2", "integer", ""},
        {"VII.3", "percent", "ratio(VII.2, VII.1)"},
        {"VII.4", "integer", ""},
        {"VII.5", "integer", ""},
        {"VII.6", "percent", "ratio(VII.5, VII.4)"},
        {"VIII.1", "integer", ""},
        {"VIII.2", "integer", ""},
        {"IX.1", "decimal", "sum(IX.1.1, IX.1.2)"},
        {"IX.1.1", "decimal", ""},
        {"IX.1.2", "decimal", ""},
    };
    ASSERT_EQ(j["indicators"].size(), std::size(rows)) << j["indicators"].dump(2);
    for (std::size_t i = 0; i < std::size(rows); ++i) {
        const auto& ind = j["indicators"][i];
        const Row& e = rows[i];
        EXPECT_EQ(ind["code"], e.code) << i;
        EXPECT_EQ(ind["type"], e.type) << e.code;
        const bool computed = *e.formula != '\0';
        EXPECT_EQ(ind["computed"], computed) << e.code;
        if (computed)
            EXPECT_EQ(ind["formula"], e.formula) << e.code;
        else
            EXPECT_FALSE(ind.contains("formula")) << e.code;
        EXPECT_FALSE(ind["label"].get<std::string>().empty()) << e.code;
    }
    EXPECT_EQ(j["indicators"][0]["unit"], "Thủ tục");
    EXPECT_EQ(j["indicators"][33]["unit"], "Triệu đồng");
}

TEST(Iso9001Type, AQuarterOrNineMonthsIsRefusedAHalfYearAndAYearAreMade) {
    Sandbox box;
    for (const char* period : {"2025-Q1", "2025-Q4", "2025-9M"}) {
        const auto out = box.path(std::string(period) + ".rbr");
        const CliRun r = box.cli({"new", "iso9001", "--period", period, "--unit", "Hải Hậu", "-o", out.string()});
        EXPECT_EQ(r.exit_code, 1) << period << r.out << r.err;
        EXPECT_NE(r.err.find("half-year, year"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out)) << period;
    }
    const auto h1 = box.path("h1.rbr").string();
    ASSERT_EQ(box.cli({"new", "iso9001", "--period", "2025-H1", "--unit", "Hải Hậu", "--province",
                       "Ninh Bình", "-o", h1})
                  .exit_code,
              0);
    const auto h = parse_json(box.cli({"header", h1, "--json"}));
    EXPECT_EQ(h["from"], "2024-12-15");
    EXPECT_EQ(h["to"], "2025-06-14");
    EXPECT_EQ(h["parent-body"], "");
    EXPECT_EQ(h["issuing-body"], "ỦY BAN NHÂN DÂN XÃ HẢI HẬU");
    EXPECT_EQ(h["summary"],
              "Tình hình duy trì, áp dụng và cải tiến Hệ thống quản lý chất lượng theo TCVN ISO "
              "9001:2015 6 tháng đầu năm 2025");
    ASSERT_FALSE(h["recipients"].empty());
    EXPECT_EQ(h["recipients"][0], "Sở Khoa học và Công nghệ tỉnh Ninh Bình");
    EXPECT_EQ(h["recipients"].back(), "Lưu: VT");
    EXPECT_EQ(box.cli({"new", "iso9001", "--period", "2025", "--unit", "Hải Hậu", "-o", box.path("y.rbr").string()}).exit_code, 0);
    // A report names its unit: the editing session refuses a new report without one, from
    // the command line as in the desktop's wizard.
    const CliRun nameless = box.cli({"new", "iso9001", "--period", "2025", "-o", box.path("z.rbr").string()});
    EXPECT_EQ(nameless.exit_code, 1);
    EXPECT_NE(nameless.err.find("tên đơn vị"), std::string::npos) << nameless.err;
    EXPECT_FALSE(fs::exists(box.path("z.rbr")));
}

TEST(Iso9001Type, EveryFileOfThePluginPassesTheSchemaCheck) {
    Sandbox box;
    for (const std::string& f : std::vector<std::string>{
             kIsoPlugin + "/plugin.xml", kIsoPlugin + "/iso9001-2024.xml", kIsoSamples + "/hai-hau.unit.xml",
             kIsoSamples + "/hai-hau-2025.rbr", kIsoSamples + "/hai-hau-2025-mistakes.rbr"}) {
        const CliRun r = box.cli({"schema", "check", f});
        EXPECT_EQ(r.exit_code, 0) << f << '\n' << r.out << r.err;
    }
}

// ---------------------------------------------------------------------------------------------
// A sample made by its script in a private folder, once per suite.

class Iso9001Sample : public ::testing::Test {
protected:
    static std::string make(Sandbox& box, const std::string& script, const std::string& name) {
        const std::string out = box.path(name).string();
        const CliRun made = box.make_sample(kIsoSamples + "/" + script, out);
        EXPECT_EQ(made.exit_code, 0) << made.out << made.err;
        EXPECT_FALSE(fs::exists(out + ".bak")) << "the script leaves no backup behind";
        return out;
    }
    static nlohmann::json values(const Sandbox& box, const std::string& report) {
        const CliRun r = box.cli({"get", report, "--json"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return parse_json(r)["values"];
    }
    static nlohmann::json validation(const Sandbox& box, const std::string& report, int expected_exit) {
        const CliRun r = box.cli({"validate", report, "--json"});
        EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
        return parse_json(r);
    }
    // The committed sample must be what its script makes today.
    static void expect_bundled_is_current(const Sandbox& box, const std::string& bundled,
                                          const std::string& made) {
        ASSERT_TRUE(fs::exists(bundled)) << bundled;
        EXPECT_EQ(values(box, bundled), values(box, made));
        for (const auto& s : kIsoSections) {
            const CliRun b = box.cli({"text", bundled, s});
            ASSERT_EQ(b.exit_code, 0) << s << b.err;
            EXPECT_EQ(b.out, box.cli({"text", made, s}).out) << s;
        }
        auto header = [&](const std::string& f) { return parse_json(box.cli({"header", f, "--json"})); };
        EXPECT_EQ(header(bundled), header(made));
    }
};

class Iso9001GoodSample : public Iso9001Sample {
protected:
    static void SetUpTestSuite() {
        box_ = new Sandbox();
        report_ = make(*box_, "make-hai-hau-2025.sh", "hai-hau-2025.rbr");
    }
    static void TearDownTestSuite() {
        delete box_;
        box_ = nullptr;
    }
    // A copy of the sample to change.
    static std::string copy(const std::string& name) {
        const auto c = box_->path(name);
        rb::test::copy_over(report_, c);
        return c.string();
    }
    static Sandbox* box_;
    static std::string report_;
};
Sandbox* Iso9001GoodSample::box_ = nullptr;
std::string Iso9001GoodSample::report_;

TEST_F(Iso9001GoodSample, ValidatesWithNoFindingsAtAll) {
    const auto j = validation(*box_, report_, 0);
    EXPECT_EQ(j["errors"], 0);
    EXPECT_EQ(j["warnings"], 0);
    EXPECT_EQ(j["accepted"], 0);
    EXPECT_TRUE(j["findings"].empty()) << j["findings"].dump(2);
}

TEST_F(Iso9001GoodSample, EveryComputedValueHasItsExpectedDisplay) {
    const auto v = values(*box_, report_);
    const std::map<std::string, std::pair<std::string, std::string>> expected = {
        {"I.3", {"100%", "computed"}},                     // 318 / 318
        {"I.4", {"205", "computed"}},                      // 126 + 58 + 21
        {"III.3", {"87,50%", "computed"}},                 // 7 / 8
        {"IV.4", {"100%", "computed"}},                    // 6 / 6
        {"VII.3", {"95,24%", "computed"}},                 // 1.160 / 1.218
        {"VII.6", {"không phát sinh", "not-applicable"}},  // 0 / 0
        {"IX.1", {"50,00", "computed"}},                   // 35 + 15 million VND
    };
    // Every computed row of the definition is covered here, so a new one needs its expectation.
    const auto d = parse_json(box_->cli({"describe", "iso9001", "--json"}));
    std::set<std::string> computed;
    for (const auto& ind : d["indicators"])
        if (ind["computed"] == true) computed.insert(ind["code"].get<std::string>());
    std::set<std::string> covered;
    for (const auto& [code, e] : expected) covered.insert(code);
    EXPECT_EQ(computed, covered);
    for (const auto& [code, e] : expected) {
        ASSERT_TRUE(v.contains(code)) << code;
        EXPECT_EQ(v[code]["display"], e.first) << code;
        EXPECT_EQ(v[code]["state"], e.second) << code;
    }
    EXPECT_NEAR(v["VII.3"]["value"].get<double>(), 95.2380952381, 1e-6);
    EXPECT_NEAR(v["III.3"]["value"].get<double>(), 87.5, 1e-9);
    EXPECT_TRUE(v["VII.6"]["value"].is_null());
    EXPECT_EQ(v["I.4"]["value"].get<long long>(), 205);
    EXPECT_NEAR(v["IX.1"]["value"].get<double>(), 50.0, 1e-9);
    // Typed values as the province reads them.
    EXPECT_EQ(v["VII.1"]["display"], "1.218");
    EXPECT_EQ(v["VII.2"]["display"], "1.160");
    EXPECT_EQ(v["II.2"]["display"], "156/QĐ-UBND");
    EXPECT_EQ(v["II.3"]["display"], "10/11/2025");
    EXPECT_EQ(v["II.3"]["value"], "2025-11-10");
    EXPECT_EQ(v["VII.4"]["display"], "0");
    EXPECT_EQ(v["VII.4"]["state"], "entered");
    // Nothing required is left blank.
    for (const auto& [code, cell] : v.items()) EXPECT_NE(cell["state"], "blank") << code;
}

TEST_F(Iso9001GoodSample, NarrativeAndHeaderReadBackExactly) {
    for (const auto& s : kIsoSections) {
        const CliRun r = box_->cli({"text", report_, s});
        ASSERT_EQ(r.exit_code, 0) << s << r.err;
        EXPECT_EQ(r.out, slurp(kIsoSamples + "/hai-hau-2025/" + s + ".txt")) << s;
    }
    const auto h = parse_json(box_->cli({"header", report_, "--json"}));
    EXPECT_EQ(h["number"], "285");
    EXPECT_EQ(h["symbol"], "BC-UBND");
    EXPECT_EQ(h["date"], "2025-12-16");
    EXPECT_EQ(h["place"], "Hải Hậu");
    EXPECT_EQ(h["signer"], "Trần Văn Quang");
    EXPECT_EQ(h["parent-body"], "");
    EXPECT_EQ(h["parent"], "");
    EXPECT_EQ(h["province"], "Ninh Bình");
    EXPECT_EQ(h["issuing-body"], "ỦY BAN NHÂN DÂN XÃ HẢI HẬU");
    EXPECT_EQ(h["summary"],
              "Tình hình duy trì, áp dụng và cải tiến Hệ thống quản lý chất lượng theo TCVN ISO "
              "9001:2015 năm 2025");
    EXPECT_EQ(h["from"], "2024-12-15");
    EXPECT_EQ(h["to"], "2025-12-14");
    ASSERT_EQ(h["recipients"].size(), 5u);  // the type's own list: the profile names none
    EXPECT_EQ(h["recipients"][0], "Sở Khoa học và Công nghệ tỉnh Ninh Bình");
}

TEST_F(Iso9001GoodSample, TheBundledSampleIsCurrent) {
    expect_bundled_is_current(*box_, kIsoSamples + "/hai-hau-2025.rbr", report_);
}

TEST_F(Iso9001GoodSample, ProseFiguresAreComparedWithTheAppendix) {
    // One changed figure at a time: the sentence that gives it is now contradicted.
    const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
        {"I.1=319", "I.1", "I"},           {"II.4=2", "II.4", "I"},          {"I.4.1=127", "I.4.1", "III.1"},
        {"I.4.3=22", "I.4.3", "III.1"},    {"III.1=9", "III.1", "III.2"},    {"IV.1=2", "IV.1", "III.3"},
        {"IV.2=7", "IV.2", "III.3"},       {"IV.3=5", "IV.3", "III.3"},      {"V.1=2", "V.1", "III.4"},
        {"VI.1=7", "VI.1", "III.5"},       {"VI.3=15", "VI.3", "III.5"},     {"VI.4=13", "VI.4", "III.5"},
        {"VII.1=1.219", "VII.1", "III.6"}, {"VII.2=1.161", "VII.3", "IV.1"}, {"VIII.1=3", "VIII.1", "III.7"},
        {"VIII.2=47", "VIII.2", "III.7"},  {"IX.1.2=16", "IX.1", "III.8"},
    };
    for (const auto& [assignment, code, section] : cases) {
        const auto c = copy("changed.rbr");
        ASSERT_EQ(box_->cli({"set", c, assignment}).exit_code, 0) << assignment;
        const auto j = validation(*box_, c, 0);
        bool found = false;
        for (const auto& f : j["findings"])
            if (f["rule"] == "narrative.number" && f["section"] == section &&
                f["codes"] == nlohmann::json::array({code}))
                found = true;
        EXPECT_TRUE(found) << assignment << " → " << code << " in " << section << '\n'
                           << j["findings"].dump(2);
    }
}

TEST_F(Iso9001GoodSample, TheProvincesRulesBite) {
    struct Case {
        std::vector<std::string> assignments;
        const char* rule;
        const char* severity;
        int exit;
    };
    const Case cases[] = {
        {{"I.2=320"}, "scope-within-list", "error", 1},
        {{"I.4.1=319"}, "new-procedures-within-scope", "error", 1},
        {{"I.6=206"}, "not-updated-within-announced", "error", 1},
        {{"I.6=3"}, "procedures-not-updated", "warning", 0},
        {{"II.1=0", "II.4=0"}, "not-announced", "warning", 0},
        {{"II.1=0"}, "re-announced-without-announcement", "error", 1},
        {{"III.2=9"}, "objectives-met-within-set", "error", 1},
        {{"III.1=0", "III.2=0"}, "objectives-set", "warning", 0},
        {{"IV.3=7"}, "audit-closed-within-found", "error", 1},
        {{"IV.1=0"}, "nonconformities-without-audit", "error", 1},
        {{"VI.1=0", "VI.2=0"}, "nonconformities-without-corrective-action", "warning", 0},
        {{"VI.2=7"}, "corrective-closed-within-opened", "error", 1},
        {{"VI.4=15"}, "risks-treated-within-identified", "error", 1},
        {{"VI.4=12"}, "risks-without-treatment", "warning", 0},
        {{"VII.2=1.300"}, "satisfied-within-surveyed", "error", 1},
        {{"VII.5=1"}, "complaints-resolved-within-received", "error", 1},
        {{"VII.4=2", "VII.5=1"}, "complaints-pending", "warning", 0},
        {{"VIII.1=0"}, "trainees-without-sessions", "warning", 0},
        {{"VIII.2=0"}, "sessions-without-trainees", "warning", 0},
    };
    for (const auto& c : cases) {
        const auto copy_path = copy("rule.rbr");
        std::vector<std::string> args = {"set", copy_path};
        args.insert(args.end(), c.assignments.begin(), c.assignments.end());
        ASSERT_EQ(box_->cli(args).exit_code, 0) << c.rule;
        const auto j = validation(*box_, copy_path, c.exit);
        bool found = false;
        for (const auto& f : j["findings"])
            if (f["rule"] == c.rule) {
                found = true;
                EXPECT_EQ(f["severity"], c.severity) << c.rule;
                EXPECT_EQ(f["message"].get<std::string>().find('{'), std::string::npos) << f["message"];
            }
        EXPECT_TRUE(found) << c.rule << '\n' << j["findings"].dump(2);
    }
}

// ---------------------------------------------------------------------------------------------
// The sample with mistakes

class Iso9001MistakesSample : public Iso9001Sample {
protected:
    static void SetUpTestSuite() {
        box_ = new Sandbox();
        report_ = make(*box_, "make-hai-hau-2025-mistakes.sh", "mistakes.rbr");
    }
    static void TearDownTestSuite() {
        delete box_;
        box_ = nullptr;
    }
    static Sandbox* box_;
    static std::string report_;
};
Sandbox* Iso9001MistakesSample::box_ = nullptr;
std::string Iso9001MistakesSample::report_;

TEST_F(Iso9001MistakesSample, ValidateFailsAndNamesEveryMistake) {
    const auto j = validation(*box_, report_, 1);
    EXPECT_EQ(j["errors"], 2) << j.dump(2);
    // severity, rule, section ("" when none), code ("" when none), something the message says
    struct Expect {
        const char* severity;
        const char* rule;
        const char* section;
        const char* code;
        const char* says;
    };
    const Expect expected[] = {
        {"error", "audit-closed-within-found", "III.3", "IV.3",
         "(7) lớn hơn số điểm phát hiện qua đánh giá nội bộ (6)"},
        {"error", "narrative.fraction", "III.6", "", "1.160/1.218 bằng 95,24%"},
        {"warning", "nonconformities-without-corrective-action", "III.5", "VI.1",
         "phát hiện 6 điểm không phù hợp"},
        {"warning", "required", "", "V.1", "V.1"},
        {"warning", "header", "", "", "10/12/2025"},
        {"warning", "narrative.year", "III.2", "", "năm 2024"},
        {"warning", "narrative.number", "III.3", "IV.4", "116,67%"},
        {"warning", "narrative.number", "III.6", "VII.3", "“97,5%”"},
        {"warning", "narrative.repeat", "III.5", "", "III.3"},
        {"warning", "narrative.name", "closing", "", "“Hải Hâu” có thể là lỗi chính tả của “Hải Hậu”"},
    };
    for (const auto& e : expected) {
        bool found = false;
        for (const auto& f : j["findings"]) {
            if (f["rule"] != e.rule || f["severity"] != e.severity) continue;
            if (*e.section && f["section"] != e.section) continue;
            if (*e.code && std::find(f["codes"].begin(), f["codes"].end(), e.code) == f["codes"].end())
                continue;
            if (f["message"].get<std::string>().find(e.says) == std::string::npos) continue;
            found = true;
        }
        EXPECT_TRUE(found) << e.rule << " in " << e.section << " (" << e.says << ")\n"
                           << j["findings"].dump(2);
    }
    // Nothing the sample does not contain: every finding is of an expected kind.
    std::set<std::string> kinds;
    for (const auto& e : expected) kinds.insert(e.rule);
    for (const auto& f : j["findings"]) EXPECT_TRUE(kinds.count(f["rule"].get<std::string>())) << f.dump(2);
    // Figures consistent with the appendix are not flagged (1.218 forms, 1.160 satisfied, 6 found…).
    for (const auto& f : j["findings"])
        if (f["rule"] == "narrative.number") {
            EXPECT_TRUE(f["codes"] == nlohmann::json::array({"IV.4"}) ||
                        f["codes"] == nlohmann::json::array({"VII.3"}))
                << f.dump(2);
        }
}

TEST_F(Iso9001MistakesSample, RuleMessagesComeInEnglishOnRequest) {
    const CliRun r = box_->cli({"--lang", "en", "validate", report_});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("Nonconformities closed (7) exceed those found by internal audits (6)."),
              std::string::npos)
        << r.out;
    EXPECT_NE(
        r.out.find("Internal audits found 6 nonconformities but no corrective action was opened (VI.1 = 0)."),
        std::string::npos)
        << r.out;
}

TEST_F(Iso9001MistakesSample, AnErrorCannotBeJustifiedAWarningCan) {
    const auto c = box_->path("justified.rbr").string();
    rb::test::copy_over(report_, c);
    EXPECT_EQ(box_->cli({"justify", c, "audit-closed-within-found", "--value", "x"}).exit_code, 1);
    ASSERT_EQ(box_->cli({"justify", c, "required:V.1", "--value",
                         "Cuộc họp xem xét của lãnh đạo dời sang tháng 01 năm sau."})
                  .exit_code,
              0);
    const auto j = validation(*box_, c, 1);
    EXPECT_EQ(j["accepted"], 1);
}

TEST_F(Iso9001MistakesSample, TheBundledSampleIsCurrent) {
    expect_bundled_is_current(*box_, kIsoSamples + "/hai-hau-2025-mistakes.rbr", report_);
}

}  // namespace
}  // namespace rb::test
