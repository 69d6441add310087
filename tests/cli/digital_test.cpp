// The digital-transformation report type (plugins/digital), through the real program: the type
// as `types` and `describe` show it, the commune sample that validates without a finding, the
// sample with a province reviewer's typical mistakes, and every rule of the edition.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kDigitalPlugin = std::string(RB_SOURCE_DIR) + "/plugins/digital";
const std::string kDigitalSamples = kDigitalPlugin + "/samples";
const std::vector<std::string> kDigitalSections = {"intro", "I.1",   "I.2",   "II.1",  "II.2", "II.3", "II.4",
                                            "II.5",  "III.1", "III.2", "III.3", "IV",   "V",    "closing"};

const json* find_by(const json& list, const char* key, const std::string& value) {
    for (const auto& item : list)
        if (item.contains(key) && item[key] == value) return &item;
    return nullptr;
}

// Rule ids (or keys) of a `validate --json` result, by severity.
std::multiset<std::string> rules_of(const json& result, const std::string& severity) {
    std::multiset<std::string> out;
    for (const auto& f : result["findings"])
        if (f["severity"] == severity) out.insert(f["rule"].get<std::string>());
    return out;
}

TEST(DigitalType, IsListedWithItsEditionAndPeriods) {
    Sandbox box;
    const CliRun r = box.cli({"types", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json types = parse_json(r)["types"];
    const json* type = find_by(types, "id", "digital");
    ASSERT_NE(type, nullptr) << r.out;
    EXPECT_EQ((*type)["title"], "Báo cáo kết quả thực hiện chuyển đổi số");
    ASSERT_EQ((*type)["editions"].size(), 1u);
    const json& e = (*type)["editions"][0];
    EXPECT_EQ(e["edition"], "qd-766-2025");
    EXPECT_EQ(e["version"], "1.0");
    EXPECT_EQ(e["plugin"], "digital");
    EXPECT_EQ(e["periods"], json::array({"quarter", "half-year", "nine-months", "year"}));

    const json plugins = parse_json(box.cli({"plugins", "--json"}));
    const json* p = find_by(plugins["plugins"], "id", "digital");
    ASSERT_NE(p, nullptr) << plugins.dump();
    EXPECT_EQ((*p)["types"], json::array({"digital@qd-766-2025"}));
    for (const auto& f : plugins["failed"])
        EXPECT_EQ(f["folder"].get<std::string>().find("/digital"), std::string::npos) << f.dump();
}

TEST(DigitalType, DescribeListsSectionsAndIndicatorsInDocumentOrder) {
    Sandbox box;
    const CliRun r = box.cli({"describe", "digital", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = parse_json(r);
    for (const char* key : {"id", "edition", "version", "title", "periods", "sections", "indicators"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["id"], "digital");
    EXPECT_EQ(j["edition"], "qd-766-2025");
    EXPECT_EQ(j["periods"], json::array({"quarter", "half-year", "nine-months", "year"}));

    std::vector<std::string> ids;
    std::map<std::string, json> sections;
    for (const auto& s : j["sections"]) {
        ids.push_back(s["id"]);
        sections[s["id"]] = s;
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"intro", "I", "I.1", "I.2", "II", "II.1", "II.2", "II.3", "II.4",
                                             "II.5", "III", "III.1", "III.2", "III.3", "IV", "V", "closing"}));
    EXPECT_EQ(sections["intro"]["number"], "");
    EXPECT_EQ(sections["II"]["level"], 0);
    EXPECT_EQ(sections["II.2"]["number"], "2");
    EXPECT_EQ(sections["II.2"]["level"], 1);
    EXPECT_EQ(sections["II.2"]["title"], "Triển khai Đề án 06");
    EXPECT_EQ(sections["II.1"]["title"], "Phát triển chính quyền số");

    const json& ind = j["indicators"];
    ASSERT_GE(ind.size(), 50u);
    EXPECT_EQ(ind[0]["code"], "I.1");
    EXPECT_EQ(ind[0]["type"], "percent");
    EXPECT_EQ(ind[0]["computed"], true);
    EXPECT_EQ(ind[0]["formula"], "ratio(I.1.2, I.1.1)");
    EXPECT_EQ(ind[1]["code"], "I.1.1");
    EXPECT_EQ(ind[1]["type"], "integer");
    EXPECT_EQ(ind[1]["unit"], "Hồ sơ");
    EXPECT_EQ(ind[1]["computed"], false);
    const json* heading = find_by(ind, "code", "III.1");
    ASSERT_NE(heading, nullptr);
    EXPECT_EQ((*heading)["type"], "heading");
    const json* teams = find_by(ind, "code", "III.1.2");
    ASSERT_NE(teams, nullptr);
    EXPECT_EQ((*teams)["label"], "Số Tổ công nghệ số cộng đồng đã thành lập");
    const json* per_team = find_by(ind, "code", "III.1.4");
    ASSERT_NE(per_team, nullptr);
    EXPECT_EQ((*per_team)["formula"], "III.1.3 / III.1.2");
}

TEST(DigitalType, EveryRatioIsComputedFromEnteredCounts) {
    Sandbox box;
    const json ind = parse_json(box.cli({"describe", "digital", "--json"}))["indicators"];
    std::map<std::string, json> by_code;
    for (const auto& i : ind) by_code[i["code"]] = i;
    int ratios = 0;
    for (const auto& i : ind) {
        if (i["type"] != "percent") continue;
        ++ratios;
        ASSERT_EQ(i["computed"], true) << i["code"] << " is a percentage typed by hand";
        const std::string f = i["formula"];
        ASSERT_EQ(f.rfind("ratio(", 0), 0u) << i["code"] << ": " << f;
        ASSERT_EQ(f.back(), ')') << f;
        const std::string args = f.substr(6, f.size() - 7);
        const auto comma = args.find(", ");
        ASSERT_NE(comma, std::string::npos) << f;
        for (const std::string& part : {args.substr(0, comma), args.substr(comma + 2)}) {
            ASSERT_TRUE(by_code.count(part)) << i["code"] << " refers to unknown " << part;
            EXPECT_EQ(by_code[part]["type"], "integer") << i["code"] << ": " << part;
            EXPECT_EQ(by_code[part]["computed"], false) << i["code"] << ": " << part << " must be an entered count";
        }
    }
    EXPECT_EQ(ratios, 14);
}

class DigitalSamples : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        box_ = new Sandbox();
        good_ = box_->path("good.rbr").string();
        mistakes_ = box_->path("mistakes.rbr").string();
        const CliRun g = box_->make_sample(kDigitalSamples + "/make-ninh-giang-2025-q3.sh", good_);
        ASSERT_EQ(g.exit_code, 0) << g.out << g.err;
        const CliRun m = box_->make_sample(kDigitalSamples + "/make-ninh-giang-2025-q3-mistakes.sh", mistakes_);
        ASSERT_EQ(m.exit_code, 0) << m.out << m.err;
    }
    static void TearDownTestSuite() {
        delete box_;
        box_ = nullptr;
    }
    static json values(const std::string& report) {
        const CliRun r = box_->cli({"get", report, "--json"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return parse_json(r)["values"];
    }
    static json validate(const std::string& report, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"validate", report, "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const CliRun r = box_->cli(args);
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
        json j = parse_json(r);
        j["exit"] = r.exit_code;
        return j;
    }
    // A copy of the good sample with `assignments` set.
    static std::string variant(const std::string& name, const std::vector<std::string>& assignments) {
        const std::string copy = box_->path(name + ".rbr").string();
        rb::test::copy_over(good_, copy);
        if (assignments.empty()) return copy;
        std::vector<std::string> args = {"set", copy};
        args.insert(args.end(), assignments.begin(), assignments.end());
        const CliRun r = box_->cli(args);
        EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
        return copy;
    }
    static Sandbox* box_;
    static std::string good_, mistakes_;
};
Sandbox* DigitalSamples::box_ = nullptr;
std::string DigitalSamples::good_;
std::string DigitalSamples::mistakes_;

TEST_F(DigitalSamples, TheGoodSampleValidatesWithoutAnyFinding) {
    const json j = validate(good_);
    EXPECT_EQ(j["exit"], 0);
    EXPECT_EQ(j["errors"], 0);
    EXPECT_EQ(j["warnings"], 0);
    EXPECT_EQ(j["accepted"], 0);
    EXPECT_TRUE(j["findings"].empty()) << j["findings"].dump(2);
    const CliRun plain = box_->cli({"validate", good_});
    EXPECT_EQ(plain.exit_code, 0) << plain.out;
    EXPECT_EQ(box_->cli({"schema", "check", good_}).exit_code, 0);
}

TEST_F(DigitalSamples, EveryComputedValueShowsAsAVietnameseReportWritesIt) {
    const json v = values(good_);
    struct Expect {
        const char* code;
        const char* display;
        const char* state;
    };
    const Expect computed[] = {
        {"I.1", "94,69%", "computed"},     // 1.124 / 1.187
        {"I.3", "95,24%", "computed"},     // 1.100 / 1.155
        {"I.4", "84,77%", "computed"},     // 412 / 486
        {"I.5", "100%", "computed"},       // 368 / 368
        {"I.6", "98,48%", "computed"},     // 1.620 / 1.645
        {"I.7.3", "100%", "computed"},     // 46 / 46
        {"I.8", "không phát sinh", "not-applicable"},  // 0 / 0: no feedback, not 0%
        {"II.1", "85,50%", "computed"},    // 18.935 / 22.146
        {"III.1.4", "5,9", "computed"},    // 158 members / 27 teams
        {"III.2", "86,56%", "computed"},   // 7.389 / 8.536
        {"III.3", "79,26%", "computed"},   // 16.920 / 21.348
        {"IV.1", "85,10%", "computed"},    // 1.034 / 1.215
        {"IV.4", "100%", "computed"},      // 4 / 4
        {"V.1", "100%", "computed"},       // 27 / 27 villages
        {"V.2", "100%", "computed"},       // 27 / 27 villages
    };
    std::set<std::string> expected_codes;
    for (const auto& e : computed) {
        expected_codes.insert(e.code);
        ASSERT_TRUE(v.contains(e.code)) << e.code;
        EXPECT_EQ(v[e.code]["display"], e.display) << e.code;
        EXPECT_EQ(v[e.code]["state"], e.state) << e.code;
    }
    // Every computed row of the edition is covered above.
    std::set<std::string> actual_codes;
    for (const auto& [code, cell] : v.items())
        if (cell["state"] == "computed" || cell["state"] == "not-applicable") actual_codes.insert(code);
    EXPECT_EQ(actual_codes, expected_codes);

    EXPECT_NEAR(v["I.1"]["value"].get<double>(), 94.6925021061, 1e-6);
    EXPECT_NEAR(v["III.1.4"]["value"].get<double>(), 5.8518518519, 1e-6);
    EXPECT_TRUE(v["I.8"]["value"].is_null());
    // Counts keep the dot for thousands.
    for (const auto& [code, display] : std::map<std::string, std::string>{
             {"I.1.1", "1.187"}, {"II.1.1", "22.146"}, {"IV.1.2", "1.034"}, {"III.1.5", "2.415"}, {"I.8.1", "0"}}) {
        EXPECT_EQ(v[code]["display"], display) << code;
        EXPECT_EQ(v[code]["state"], "entered") << code;
    }
    EXPECT_EQ(v["IV.1.2"]["value"].get<long long>(), 1034);
}

TEST_F(DigitalSamples, NoRatioCanBeTypedByHand) {
    const std::string copy = variant("typed-ratio", {});
    const std::string before = slurp(copy);
    const CliRun r = box_->cli({"set", copy, "I.1=94,69%"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("tính tự động"), std::string::npos) << r.err;
    EXPECT_EQ(box_->cli({"set", copy, "III.1.4=5"}).exit_code, 1);
    EXPECT_EQ(slurp(copy), before);
}

TEST_F(DigitalSamples, TheHeaderComesFromTheUnitProfileWithoutADistrict) {
    const CliRun h = box_->cli({"header", good_, "--json"});
    ASSERT_EQ(h.exit_code, 0) << h.err;
    const json j = parse_json(h);
    EXPECT_EQ(j["number"], "47");
    EXPECT_EQ(j["symbol"], "BC-UBND");
    EXPECT_EQ(j["date"], "2025-09-16");
    EXPECT_EQ(j["place"], "Ninh Giang");
    EXPECT_EQ(j["parent"], "");
    EXPECT_EQ(j["parent-body"], "");
    EXPECT_EQ(j["issuing-body"], "ỦY BAN NHÂN DÂN XÃ NINH GIANG");
    EXPECT_EQ(j["province"], "Ninh Bình");
    EXPECT_EQ(j["summary"], "Kết quả thực hiện chuyển đổi số Quý III năm 2025");
    EXPECT_EQ(j["from"], "2025-07-01");  // the commune exists from 1 July 2025
    EXPECT_EQ(j["to"], "2025-09-14");
    ASSERT_GE(j["recipients"].size(), 3u);
    EXPECT_EQ(j["recipients"][0], "Sở Khoa học và Công nghệ tỉnh Ninh Bình");
    EXPECT_EQ(j["recipients"].back(), "Lưu: VT");
}

TEST_F(DigitalSamples, TheMistakesSampleIsCaught) {
    const json j = validate(mistakes_);
    EXPECT_EQ(j["exit"], 1) << j.dump(2);
    EXPECT_EQ(j["errors"], 2);
    EXPECT_EQ(rules_of(j, "error"),
              (std::multiset<std::string>{"certificates-within-officials", "teams-within-villages"}));
    EXPECT_EQ(rules_of(j, "warning"),
              (std::multiset<std::string>{"members-per-team", "narrative.number", "narrative.year"}));
    bool per_team = false, contradiction = false, year = false;
    for (const auto& f : j["findings"]) {
        const std::string rule = f["rule"], msg = f["message"];
        if (rule == "teams-within-villages") {
            EXPECT_NE(msg.find("(29)"), std::string::npos) << msg;
            EXPECT_NE(msg.find("(27)"), std::string::npos) << msg;
        }
        if (rule == "certificates-within-officials") {
            EXPECT_NE(msg.find("(48)"), std::string::npos) << msg;
            EXPECT_NE(msg.find("(46)"), std::string::npos) << msg;
        }
        if (rule == "members-per-team") per_team = msg.find("9,0") != std::string::npos;
        if (rule == "narrative.number") {
            contradiction = f["section"] == "II.1" && f["codes"] == json::array({"I.1.2"}) &&
                            msg.find("1.142") != std::string::npos && msg.find("1.124") != std::string::npos;
            ASSERT_TRUE(f.contains("range")) << f.dump();
            const std::string text = slurp(kDigitalSamples + "/ninh-giang-2025-q3-mistakes/II.1.txt");
            EXPECT_EQ(text.substr(f["range"][0].get<std::size_t>(), f["range"][1].get<std::size_t>()), "1.142");
        }
        if (rule == "narrative.year") year = f["section"] == "I.1" && msg.find("2024") != std::string::npos;
    }
    EXPECT_TRUE(per_team) << "261 members in 29 teams: 9 per team";
    EXPECT_TRUE(contradiction) << "II.1 says 1.142 applications online, the appendix 1.124";
    EXPECT_TRUE(year) << "I.1 names the plan of 2024 in a 2025 report";
    std::set<std::string> keys;
    for (const auto& f : j["findings"]) EXPECT_TRUE(keys.insert(f["key"].get<std::string>()).second) << f["key"];
    // An error cannot be accepted with a justification; a warning can.
    EXPECT_EQ(box_->cli({"justify", mistakes_, "teams-within-villages", "--value", "x"}).exit_code, 1);
}

TEST_F(DigitalSamples, CorrectingTheMistakesClearsEveryFinding) {
    const std::string fixed = box_->path("fixed.rbr").string();
    rb::test::copy_over(mistakes_, fixed);
    ASSERT_EQ(box_->cli({"set", fixed, "I.7.2=44", "III.1.2=27", "III.1.3=158"}).exit_code, 0);
    for (const char* s : {"I.1", "II.1", "II.3"})
        ASSERT_EQ(box_->cli({"text", fixed, s, "--file", kDigitalSamples + "/ninh-giang-2025-q3/" + s + ".txt"}).exit_code, 0);
    const json j = validate(fixed);
    EXPECT_EQ(j["exit"], 0);
    EXPECT_TRUE(j["findings"].empty()) << j["findings"].dump(2);
    EXPECT_EQ(values(fixed), values(good_));
    for (const auto& s : kDigitalSections)
        EXPECT_EQ(box_->cli({"text", fixed, s}).out, box_->cli({"text", good_, s}).out) << s;
}

// Every rule of the edition, fired by one typical mistake on a copy of the good sample.
TEST_F(DigitalSamples, EachRuleCatchesItsMistake) {
    struct Case {
        const char* rule;
        const char* severity;
        std::vector<std::string> set;
    };
    const std::vector<Case> cases = {
        {"online-within-received", "error", {"I.1.2=1.200"}},
        {"online-services-within-procedures", "error", {"I.2.3=200"}},
        {"online-files-need-online-services", "warning", {"I.2.2=0", "I.2.3=0"}},
        {"digitised-within-resolved", "error", {"I.3.2=1.200"}},
        {"paid-online-within-fees", "error", {"I.4.2=500"}},
        {"fees-within-received", "error", {"I.4.1=1.200"}},
        {"signed-within-outgoing", "error", {"I.5.2=370"}},
        {"electronic-within-exchanged", "error", {"I.6.2=1.700"}},
        {"outgoing-within-exchanged", "error", {"I.5.1=1.700", "I.5.2=1.700"}},
        {"certificates-within-officials", "error", {"I.7.2=47"}},
        {"email-within-officials", "error", {"I.7.3.1=47"}},
        {"feedback-handled", "error", {"I.8.2=1"}},
        {"vneid-within-eligible", "error", {"II.1.2=22.200"}},
        {"linked-residence-within-births", "warning", {"II.2.2=80"}},
        {"linked-insurance-within-births", "warning", {"II.2.3=80"}},
        {"teams-within-villages", "error", {"III.1.2=28"}},
        {"members-need-teams", "error", {"III.1.2=0"}},
        {"members-per-team", "warning", {"III.1.3=134"}},  // 4,96 per team
        {"members-per-team", "warning", {"III.1.3=217"}},  // 8,04 per team
        {"smartphones-within-households", "error", {"III.2.2=8.600"}},
        {"accounts-within-adults", "error", {"III.3.2=21.400"}},
        {"adults-within-eligible", "warning", {"III.3.1=22.500"}},
        {"cashless-within-recipients", "error", {"IV.1.2=1.300"}},
        {"ecommerce-within-households", "error", {"IV.3=9.000"}},
        {"ocop-listed-within-ocop", "error", {"IV.4.2=5"}},
        {"fibre-within-villages", "error", {"V.1.1=28"}},
        {"4g-within-villages", "error", {"V.2.1=28"}},
    };
    std::set<std::string> tested;
    int n = 0;
    for (const auto& c : cases) {
        tested.insert(c.rule);
        const std::string copy = variant("rule-" + std::to_string(n++), c.set);
        const json j = validate(copy);
        bool found = false;
        for (const auto& f : j["findings"]) {
            if (f["rule"] != c.rule) continue;
            found = true;
            EXPECT_EQ(f["severity"], c.severity) << c.rule;
            EXPECT_EQ(f["message"].get<std::string>().find('{'), std::string::npos) << f["message"];
        }
        EXPECT_TRUE(found) << c.rule << " not reported for " << c.set[0] << ": " << j["findings"].dump(2);
        EXPECT_EQ(j["exit"], std::string(c.severity) == "error" ? 1 : 0) << c.rule;
    }
    // The rules at their limits hold: 5 and 8 members per team are both fine.
    for (const char* members : {"III.1.3=135", "III.1.3=216"}) {
        const json j = validate(variant("limit", {members}));
        EXPECT_EQ(rules_of(j, "warning").count("members-per-team"), 0u) << members;
    }
    // Every rule of the definition has a case above.
    const std::string def = slurp(kDigitalPlugin + "/digital-2025.xml");
    std::set<std::string> defined;
    for (auto at = def.find("<rule id=\""); at != std::string::npos; at = def.find("<rule id=\"", at + 1)) {
        const auto b = at + 10;
        defined.insert(def.substr(b, def.find('"', b) - b));
    }
    EXPECT_EQ(defined, tested);
}

TEST_F(DigitalSamples, ActivatedAccountsAreCumulative) {
    const std::string previous = variant("previous", {"II.1.2=19.500"});
    const json j = validate(good_, {"--previous", previous});
    EXPECT_EQ(j["exit"], 1);
    bool cumulative = false;
    for (const auto& f : j["findings"])
        if (f["severity"] == "error" && f["codes"] == json::array({"II.1.2"})) cumulative = true;
    EXPECT_TRUE(cumulative) << j.dump(2);
    const std::string lower = variant("previous-lower", {"II.1.2=17.000"});
    EXPECT_EQ(validate(good_, {"--previous", lower})["errors"], 0);
}

TEST_F(DigitalSamples, RuleMessagesInEnglishOnRequest) {
    const CliRun en = box_->cli({"--lang", "en", "validate", mistakes_});
    EXPECT_EQ(en.exit_code, 1);
    EXPECT_NE(en.out.find("Community digital teams (29) outnumber villages (27)"), std::string::npos) << en.out;
    const CliRun vi = box_->cli({"validate", mistakes_});
    EXPECT_NE(vi.out.find("Số Tổ công nghệ số cộng đồng (29) nhiều hơn số thôn, tổ dân phố (27)"), std::string::npos)
        << vi.out;
}

TEST_F(DigitalSamples, TheBundledSamplesAreCurrent) {
    // The committed samples must be what their scripts make today.
    for (const auto& [bundled_name, made] :
         std::vector<std::pair<std::string, std::string>>{{"ninh-giang-2025-q3", good_},
                                                          {"ninh-giang-2025-q3-mistakes", mistakes_}}) {
        const std::string bundled = kDigitalSamples + "/" + bundled_name + ".rbr";
        ASSERT_TRUE(fs::exists(bundled)) << bundled;
        EXPECT_EQ(values(bundled), values(made)) << bundled_name;
        for (const auto& s : kDigitalSections) {
            const CliRun b = box_->cli({"text", bundled, s});
            ASSERT_EQ(b.exit_code, 0) << bundled_name << " " << s;
            EXPECT_FALSE(b.out.empty()) << bundled_name << " " << s;
            EXPECT_EQ(b.out, box_->cli({"text", made, s}).out) << bundled_name << " " << s;
            EXPECT_EQ(b.out, slurp(kDigitalSamples + "/" + bundled_name + "/" + s + ".txt")) << bundled_name << " " << s;
        }
        EXPECT_EQ(parse_json(box_->cli({"header", bundled, "--json"})),
                  parse_json(box_->cli({"header", made, "--json"})))
            << bundled_name;
    }
}

}  // namespace
}  // namespace rb::test
