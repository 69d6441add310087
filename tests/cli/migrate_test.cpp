// `migrate` (a report into a newer edition of its form) and `validate --with` (checks against a
// report of another kind for the same unit and period), through the real program.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kMigrateSample = std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr";

std::string copy_migrate_sample(const Sandbox& box) {
    const auto p = box.path("phuong-dinh-2024-q1.rbr");
    fs::copy_file(kMigrateSample, p);
    return p.string();
}

TEST(MigrateCli, DryRunPrintsTheSummaryAndWritesNothing) {
    Sandbox box;
    const std::string in = copy_migrate_sample(box);
    const std::string before = slurp(in);
    const CliRun r = box.cli({"migrate", in, "--edition", "ninh-binh-2025", "--dry-run"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("70 giá trị và 14 mục chuyển nguyên"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("III.1.1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[CẦN XEM]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Chạy thử"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(box.path("phuong-dinh-2024-q1-ninh-binh-2025.rbr")));
    EXPECT_EQ(slurp(in), before);
}

TEST(MigrateCli, WritesBesideTheInputUnderTheEditionsNameAndKeepsTheInput) {
    Sandbox box;
    const std::string in = copy_migrate_sample(box);
    const std::string before = slurp(in);
    const CliRun r = box.cli({"migrate", in, "--edition", "ninh-binh-2025", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = parse_json(r);
    const auto out = box.path("phuong-dinh-2024-q1-ninh-binh-2025.rbr");
    EXPECT_EQ(j["output"], out.string());
    EXPECT_EQ(j["written"], true);
    EXPECT_EQ(j["from"], "nam-dinh-2024");
    EXPECT_EQ(j["to"], "ninh-binh-2025");
    EXPECT_EQ(j["entered"], 70);
    EXPECT_EQ(j["values"], 70);
    int carried = 0;
    bool dropped_district = false;
    for (const auto& i : j["items"]) {
        if (i["kind"] == "carried") ++carried;
        if (i["kind"] == "dropped" && i["from"] == json::array({"III.1.1"})) dropped_district = true;
    }
    EXPECT_EQ(carried, 70);
    EXPECT_TRUE(dropped_district);
    EXPECT_EQ(slurp(in), before);
    ASSERT_TRUE(fs::exists(out));
    const std::string text = slurp(out);
    EXPECT_NE(text.find(R"(edition="ninh-binh-2025")"), std::string::npos);
    EXPECT_NE(text.find(R"(<status value="draft")"), std::string::npos);

    // The new report is a report of the new edition: get and validate work on it.
    const CliRun g = box.cli({"get", out.string(), "III.1.2", "--json"});
    ASSERT_EQ(g.exit_code, 0) << g.err;
    EXPECT_EQ(parse_json(g)["edition"], "ninh-binh-2025");
    EXPECT_EQ(parse_json(g)["values"]["III.1.2"]["value"], 101);

    // A second run does not overwrite what the first wrote.
    const CliRun again = box.cli({"migrate", in, "--edition", "ninh-binh-2025"});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
}

TEST(MigrateCli, OverwritesTheInputOnlyWhenOutputNamesIt) {
    Sandbox box;
    const std::string in = copy_migrate_sample(box);
    const CliRun r = box.cli({"migrate", in, "--edition", "ninh-binh-2025", "-o", in});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(slurp(in).find(R"(edition="ninh-binh-2025")"), std::string::npos);
    EXPECT_TRUE(fs::exists(in + ".bak"));  // the usual safe save keeps the old file
}

TEST(MigrateCli, SpeaksEnglishWithLangEn) {
    Sandbox box;
    const std::string in = copy_migrate_sample(box);
    const CliRun r = box.cli({"--lang", "en", "migrate", in, "--edition", "ninh-binh-2025", "--dry-run"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("70 values and 14 sections carried as they were"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[CHECK]"), std::string::npos) << r.out;
}

TEST(MigrateCli, AnUnknownEditionOrTheSameEditionIsRefused) {
    Sandbox box;
    const std::string in = copy_migrate_sample(box);
    CliRun r = box.cli({"migrate", in, "--edition", "ha-noi-2030"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("ninh-binh-2025"), std::string::npos) << r.err;  // lists the editions
    r = box.cli({"migrate", in, "--edition", "nam-dinh-2024"});
    EXPECT_EQ(r.exit_code, 1);
    r = box.cli({"migrate", in});
    EXPECT_EQ(r.exit_code, 2);
}

// ---------------------------------------------------------------------------------------------
// validate --with

struct TwoReports {
    Sandbox box;
    std::string cchc = box.path("cchc.rbr").string();
    std::string digital = box.path("digital.rbr").string();
    TwoReports(const std::string& digital_period = "2025-Q3") {
        EXPECT_EQ(box.cli({"new", "cchc", "--edition", "ninh-binh-2025", "--period", "2025-Q3", "--unit", "14038",
                           "-o", cchc})
                      .exit_code,
                  0);
        EXPECT_EQ(box.cli({"new", "digital", "--period", digital_period, "--unit", "Ninh Giang", "--province", "Ninh Bình", "-o", digital}).exit_code,
                  0);
        EXPECT_EQ(box.cli({"set", cchc, "V.2.2.2=74", "III.1.2=101"}).exit_code, 0);
        EXPECT_EQ(box.cli({"set", digital, "I.2.2=80", "I.2.1=101"}).exit_code, 0);
    }
};

std::vector<json> cross_findings(const json& result) {
    std::vector<json> out;
    for (const auto& f : result["findings"])
        if (f["rule"].get<std::string>().rfind("cross.", 0) == 0) out.push_back(f);
    return out;
}

TEST(ValidateWith, AMismatchShowsInBothReportsFindings) {
    TwoReports t;
    CliRun a = t.box.cli({"validate", t.cchc, "--with", t.digital, "--json"});
    ASSERT_NE(a.exit_code, 2) << a.err;
    auto fa = cross_findings(parse_json(a));
    ASSERT_EQ(fa.size(), 1u) << a.out;
    EXPECT_EQ(fa[0]["rule"], "cross.digital.services-fully-online");
    EXPECT_EQ(fa[0]["severity"], "warning");
    EXPECT_EQ(fa[0]["codes"], json::array({"V.2.2.2"}));

    CliRun b = t.box.cli({"validate", t.digital, "--with", t.cchc, "--json"});
    ASSERT_NE(b.exit_code, 2) << b.err;
    auto fb = cross_findings(parse_json(b));
    ASSERT_EQ(fb.size(), 1u) << b.out;
    EXPECT_EQ(fb[0]["rule"], fa[0]["rule"]);
    EXPECT_EQ(fb[0]["codes"], json::array({"I.2.2"}));

    // Counted with the report's own warnings.
    CliRun plain = t.box.cli({"validate", t.digital, "--json"});
    EXPECT_EQ(parse_json(b)["warnings"].get<int>(), parse_json(plain)["warnings"].get<int>() + 1);

    CliRun text = t.box.cli({"validate", t.cchc, "--with", t.digital});
    EXPECT_NE(text.out.find("CẢNH BÁO [cross.digital.services-fully-online] (V.2.2.2)"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("(80)"), std::string::npos);
}

TEST(ValidateWith, MatchingValuesAddNothing) {
    TwoReports t;
    ASSERT_EQ(t.box.cli({"set", t.digital, "I.2.2=74"}).exit_code, 0);
    CliRun a = t.box.cli({"validate", t.cchc, "--with", t.digital, "--json"});
    EXPECT_TRUE(cross_findings(parse_json(a)).empty()) << a.out;
}

TEST(ValidateWith, ADifferentPeriodIsSkippedWithAnInfo) {
    TwoReports t("2025-Q2");
    CliRun a = t.box.cli({"validate", t.cchc, "--with", t.digital, "--json"});
    auto f = cross_findings(parse_json(a));
    ASSERT_EQ(f.size(), 1u) << a.out;
    EXPECT_EQ(f[0]["rule"], "cross.skipped");
    EXPECT_EQ(f[0]["severity"], "info");
}

TEST(ValidateWith, ACrossWarningIsJustifiedWithTheSameOtherReport) {
    TwoReports t;
    const std::string key = "cross.digital.services-fully-online";
    CliRun r = t.box.cli({"justify", t.cchc, key, "--value", "Báo cáo CĐS tính cả dịch vụ của thôn"});
    EXPECT_EQ(r.exit_code, 1) << "without --with there is no such warning";
    r = t.box.cli({"justify", t.cchc, key, "--value", "Báo cáo CĐS tính cả dịch vụ của thôn", "--with", t.digital});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = parse_json(t.box.cli({"validate", t.cchc, "--with", t.digital, "--json"}));
    const auto f = cross_findings(j);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0]["justification"], "Báo cáo CĐS tính cả dịch vụ của thôn");
    EXPECT_EQ(j["accepted"], 1);
    EXPECT_EQ(t.box.cli({"justify", t.cchc, key, "--value", "x", "--with", t.cchc}).exit_code, 2)
        << "the same kind cannot be cross-checked";
}

TEST(ValidateWith, TheSameKindOrAMissingFileCannotRun) {
    TwoReports t;
    EXPECT_EQ(t.box.cli({"validate", t.cchc, "--with", t.cchc}).exit_code, 2);
    EXPECT_EQ(t.box.cli({"validate", t.cchc, "--with", t.box.path("none.rbr").string()}).exit_code, 2);
}

}  // namespace
}  // namespace rb::test
