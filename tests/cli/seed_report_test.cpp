// The first user's real report, entered whole through the command line only: the commune of
// Phương Định's Q1 2024 administrative-reform report with its statistics appendix.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

const std::string kSeedSamples = std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples";
const std::vector<std::string> kSeedSections = {"intro", "I.1",  "I.2",   "I.3",   "II.1", "II.2", "II.3",
                                            "II.4",  "II.5", "II.6",  "III.1", "III.2", "IV",  "closing"};

class SeedReport : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        box_ = new Sandbox();
        report_ = box_->path("q1.rbr").string();
        const CliRun made = box_->make_sample(kSeedSamples + "/make-phuong-dinh-2024-q1.sh", report_);
        ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
    }
    static void TearDownTestSuite() {
        delete box_;
        box_ = nullptr;
    }
    static nlohmann::json values() {
        const CliRun r = box_->cli({"get", report_, "--json"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return parse_json(r)["values"];
    }
    static Sandbox* box_;
    static std::string report_;
};
Sandbox* SeedReport::box_ = nullptr;
std::string SeedReport::report_;

// The seed's appendix as typed, from phu-luc-2.tsv: code → value_as_typed.
std::map<std::string, std::string> seed_appendix() {
    std::map<std::string, std::string> rows;
    std::ifstream in(std::string(RB_TEST_DATA_DIR) + "/seed/phu-luc-2.tsv");
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> cols;
        std::stringstream s(line);
        std::string c;
        while (std::getline(s, c, '\t')) cols.push_back(c);
        while (cols.size() < 5) cols.emplace_back();
        std::string code = cols[0];
        if (code.empty()) code = "V.1";  // the unnumbered row under V.1 holds V.1's figure
        rows[code] = cols[4];
    }
    return rows;
}

TEST_F(SeedReport, EveryTypedAppendixValueReadsBackAsTheSeedWroteIt) {
    const auto v = values();
    const auto rows = seed_appendix();
    ASSERT_GT(rows.size(), 60u);
    int compared = 0;
    for (const auto& [code, typed] : rows) {
        if (!v.contains(code)) continue;  // headings hold no value
        if (v[code]["state"] == "computed" || v[code]["state"] == "not-applicable") continue;
        if (typed.empty()) {
            EXPECT_EQ(v[code]["state"], "blank") << code;
        } else {
            EXPECT_EQ(v[code]["display"], typed) << code;
            EXPECT_EQ(v[code]["state"], "entered") << code;
        }
        ++compared;
    }
    EXPECT_GE(compared, 44);
}

TEST_F(SeedReport, ComputedRowsAreRightWhereTheSeedsTypedFiguresAreWrong) {
    const auto v = values();
    struct Expect {
        const char* code;
        const char* seed_typed;
        const char* display;
        const char* state;
    };
    const Expect expected[] = {
        {"I.2", "16,67%", "16,67%", "computed"},
        // 0/0: the seed shows 0; a ratio with nothing to count is "không phát sinh".
        {"I.3.3", "0", "không phát sinh", "not-applicable"},
        {"III.3.2", "0", "không phát sinh", "not-applicable"},
        {"II.2.2", "", "không phát sinh", "not-applicable"},
        {"II.3.2", "", "không phát sinh", "not-applicable"},
        // A total the seed left empty.
        {"III.1", "", "101", "computed"},
        // The on-time rate: the seed divided on-time-only by resolved (317/1.034 = 31%) while
        // its narrative says 100% were early or on time; the edition counts early + on time.
        {"III.3.1", "317/1.034 = 31%", "100%", "computed"},
        {"III.3.1.1", "1.034", "1.034", "computed"},
        {"III.3.1.2", "317", "1.034", "computed"},
        // Percentages the seed rounded by hand so that they add up to 100.
        {"V.2.1", "27/101 =26%", "26,73%", "computed"},
        {"V.2.2", "74/101 =74%", "73,27%", "computed"},
        {"V.1", "184/184= 100%", "100%", "computed"},
        {"V.2.3", "100", "100%", "computed"},
        {"V.2.4", "1.034/1.034 = 100%", "100%", "computed"},
        {"V.2.5", "100", "100%", "computed"},
        {"I.3", "0", "0", "computed"},
        {"II.1", "0", "0", "computed"},
        // The case-file breakdown behind the TTHC rows.
        {"HS.2", "", "1.034", "computed"},
        {"HS.3", "", "1.034", "computed"},
        {"HS.4", "", "1.034", "computed"},
    };
    for (const auto& e : expected) {
        ASSERT_TRUE(v.contains(e.code)) << e.code;
        EXPECT_EQ(v[e.code]["display"], e.display) << e.code << " (seed typed “" << e.seed_typed << "”)";
        EXPECT_EQ(v[e.code]["state"], e.state) << e.code;
    }
    EXPECT_NEAR(v["V.2.1"]["value"].get<double>(), 26.7326732673, 1e-6);
    EXPECT_TRUE(v["I.3.3"]["value"].is_null());
    EXPECT_EQ(v["III.1"]["value"].get<long long>(), 101);
}

TEST_F(SeedReport, NoRatioCanBeTypedByHand) {
    const std::string before = slurp(report_);
    const CliRun r = box_->cli({"set", report_, "V.2.1=27/101 =26%"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("tính tự động"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(report_), before);
}

TEST_F(SeedReport, SetIsAllOrNothing) {
    const std::string before = slurp(report_);
    const CliRun r = box_->cli({"set", report_, "I.1=13", "I.2.1=1,5", "NOPE.1=2"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("I.2.1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("NOPE.1"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(report_), before);
    EXPECT_EQ(values()["I.1"]["display"], "12");
}

TEST_F(SeedReport, FindingsCatchTheSeedsOwnMistakes) {
    const CliRun r = box_->cli({"validate", report_, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // warnings only: the appendix itself is now right
    const auto j = parse_json(r);
    EXPECT_EQ(j["errors"], 0);
    std::multiset<std::string> seen;
    bool online_contradiction = false, repeat_in_ii5 = false, typo = false, year_in_iii1 = false;
    for (const auto& f : j["findings"]) {
        const std::string rule = f["rule"];
        seen.insert(rule);
        const std::string msg = f["message"];
        if (rule == "narrative.number" && f["section"] == "II.6" && msg.find("1.287/1.363") != std::string::npos)
            online_contradiction = true;
        if (rule == "narrative.repeat" && f["section"] == "II.5" && msg.find("II.4") != std::string::npos)
            repeat_in_ii5 = true;
        if (rule == "narrative.name" && msg.find("Trục Ninh") != std::string::npos &&
            msg.find("Trực Ninh") != std::string::npos)
            typo = true;
        if (rule == "narrative.year" && f["section"] == "III.1") year_in_iii1 = true;
    }
    EXPECT_TRUE(online_contradiction) << "II.6's 1.287/1.363 contradicts V.2.4 (1.034/1.034)";
    EXPECT_TRUE(repeat_in_ii5) << "II.5 repeats II.4's first paragraph";
    EXPECT_TRUE(typo) << "“Trục Ninh” for “Trực Ninh”";
    EXPECT_TRUE(year_in_iii1) << "“đầu năm 2023” in a 2024 report";
    EXPECT_EQ(seen.count("required"), 2u);  // V.2.1.3 and V.2.2.3 were left empty in the seed
    // Every finding has its own key (what a justification names); a slip repeated in one
    // section is one finding with a count.
    std::set<std::string> keys;
    for (const auto& f : j["findings"]) EXPECT_TRUE(keys.insert(f["key"].get<std::string>()).second) << f["key"];
    bool counted = false;
    for (const auto& f : j["findings"])
        if (f["key"] == "narrative.name:I.2:Trục Ninh")
            counted = f["message"].get<std::string>().find("3 lần") != std::string::npos;
    EXPECT_TRUE(counted) << "I.2 writes “Trục Ninh” three times";
    // The narrative's consistent figures are not flagged (317 on time, 717 early, 985 in justice…).
    for (const auto& f : j["findings"]) {
        if (f["rule"] == "narrative.number") {
            EXPECT_EQ(f["section"], "II.6") << f["message"];
        }
    }
}

TEST_F(SeedReport, ValidateExitCodeIsOneWhenErrorsAreFound) {
    const auto copy = box_->path("broken.rbr");
    rb::test::copy_over(report_, copy);
    ASSERT_EQ(box_->cli({"set", copy.string(), "HS.4.3=5"}).exit_code, 0);  // resolved no longer balances
    const CliRun r = box_->cli({"validate", copy.string(), "--json"});
    EXPECT_EQ(r.exit_code, 1);
    bool balance = false;
    const auto j = parse_json(r);
    for (const auto& f : j["findings"])
        if (f["rule"] == "case-files-balance" && f["severity"] == "error") balance = true;
    EXPECT_TRUE(balance) << r.out;
    EXPECT_EQ(box_->cli({"validate", box_->path("missing.rbr").string()}).exit_code, 2);
}

TEST_F(SeedReport, NarrativeAndHeaderReadBackExactly) {
    for (const auto& s : kSeedSections) {
        const CliRun r = box_->cli({"text", report_, s});
        ASSERT_EQ(r.exit_code, 0) << s << r.err;
        EXPECT_EQ(r.out, slurp(kSeedSamples + "/phuong-dinh-2024-q1/" + s + ".txt")) << s;
    }
    const CliRun h = box_->cli({"header", report_, "--json"});
    ASSERT_EQ(h.exit_code, 0);
    const auto j = parse_json(h);
    EXPECT_EQ(j["number"], "09");
    EXPECT_EQ(j["symbol"], "BC-UBND");
    EXPECT_EQ(j["date"], "2024-03-08");
    EXPECT_EQ(j["place"], "Phương Định");
    EXPECT_EQ(j["signer"], "Nguyễn Minh Khâm");
    EXPECT_EQ(j["parent-body"], "UBND HUYỆN TRỰC NINH");
    EXPECT_EQ(j["issuing-body"], "UBND XÃ PHƯƠNG ĐỊNH");
    EXPECT_EQ(j["summary"], "Kết quả công tác cải cách hành chính Quý I năm 2024");
    EXPECT_EQ(j["from"], "2023-12-15");
    EXPECT_EQ(j["to"], "2024-03-07");  // the seed's own window, not the default 14/3
    ASSERT_EQ(j["recipients"].size(), 7u);
    EXPECT_EQ(j["recipients"][0], "UBND huyện Trực Ninh");
    EXPECT_EQ(j["recipients"][6], "Lưu: VT");
}

TEST_F(SeedReport, SavingAndReloadingChangesNothing) {
    const auto first = values();
    const auto copy = box_->path("resaved.rbr");
    rb::test::copy_over(report_, copy);
    // A no-op edit forces a full load → save cycle.
    ASSERT_EQ(box_->cli({"set", copy.string(), "I.1=12"}).exit_code, 0);
    const CliRun again = box_->cli({"get", copy.string(), "--json"});
    EXPECT_EQ(parse_json(again)["values"], first);
    for (const auto& s : kSeedSections)
        EXPECT_EQ(box_->cli({"text", copy.string(), s}).out, box_->cli({"text", report_, s}).out) << s;
    EXPECT_TRUE(std::filesystem::exists(copy.string() + ".bak")) << "the previous version is kept";
    EXPECT_EQ(box_->cli({"schema", "check", copy.string()}).exit_code, 0);
}

TEST_F(SeedReport, TheBundledSampleIsCurrent) {
    // The committed sample must be what its script makes today.
    const std::string bundled = kSeedSamples + "/phuong-dinh-2024-q1.rbr";
    EXPECT_EQ(parse_json(box_->cli({"get", bundled, "--json"}))["values"], values());
    for (const auto& s : kSeedSections) EXPECT_EQ(box_->cli({"text", bundled, s}).out, box_->cli({"text", report_, s}).out) << s;
    EXPECT_EQ(parse_json(box_->cli({"header", bundled, "--json"})), parse_json(box_->cli({"header", report_, "--json"})));
}

TEST_F(SeedReport, SubmittedReportIsLockedAndCorrectedByAnAmendment) {
    const auto copy = box_->path("submitted.rbr");
    rb::test::copy_over(report_, copy);
    ASSERT_EQ(box_->cli({"status", copy.string(), "complete"}).exit_code, 0);
    ASSERT_EQ(box_->cli({"status", copy.string(), "submitted"}).exit_code, 0);
    const std::string submitted = slurp(copy);
    EXPECT_EQ(box_->cli({"set", copy.string(), "I.1=13"}).exit_code, 1);
    EXPECT_EQ(box_->cli({"text", copy.string(), "I.1", "--value", "x"}).exit_code, 1);
    EXPECT_EQ(slurp(copy), submitted);
    const auto amended = box_->path("amended.rbr");
    const CliRun a = box_->cli({"amend", copy.string(), "-o", amended.string()});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(box_->cli({"set", amended.string(), "I.1=13"}).exit_code, 0);
    const auto h = parse_json(box_->cli({"header", amended.string(), "--json"}));
    EXPECT_EQ(h["amendment"], 1);
    EXPECT_EQ(h["status"], "draft");
    EXPECT_EQ(slurp(copy), submitted) << "the original is kept";
}

TEST_F(SeedReport, AWarningCanBeJustifiedButAnErrorCannot) {
    const auto copy = box_->path("justified.rbr");
    rb::test::copy_over(report_, copy);
    const CliRun j = box_->cli({"justify", copy.string(), "required:V.2.1.3", "--value",
                             "Hệ thống của tỉnh chưa thống kê số TTHC có phát sinh hồ sơ."});
    ASSERT_EQ(j.exit_code, 0) << j.err;
    const auto v = parse_json(box_->cli({"validate", copy.string(), "--json"}));
    EXPECT_EQ(v["accepted"], 1);
    ASSERT_EQ(box_->cli({"set", copy.string(), "HS.4.3=5"}).exit_code, 0);
    EXPECT_EQ(box_->cli({"justify", copy.string(), "case-files-balance", "--value", "x"}).exit_code, 1);
}

TEST_F(SeedReport, EnglishMessagesOnRequest) {
    const CliRun r = box_->cli({"--lang", "en", "validate", report_});
    EXPECT_NE(r.out.find("does not match indicator V.2.4"), std::string::npos) << r.out;
    const CliRun vi = box_->cli({"validate", report_});
    EXPECT_NE(vi.out.find("không khớp với chỉ tiêu V.2.4"), std::string::npos) << vi.out;
}

}  // namespace
}  // namespace rb::test
