// A unit's history through the CLI: `get --compare`, `history`, `validate --workspace`, with
// reports made by the CLI itself in a workspace folder.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

class CliHistory : public ::testing::Test {
protected:
    // A CCHC report of Phương Định for `period` with the given values, in the workspace "ws".
    std::string make(const std::string& period, const std::vector<std::string>& values,
                     const std::string& unit = "Phương Định") {
        std::filesystem::create_directories(box_.path("ws"));
        const std::string file = box_.path("ws/" + period + ".rbr").string();
        auto r = box_.cli({"new", "cchc", "--edition", "nam-dinh-2024", "--period", period, "--unit", unit, "-o", file});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::vector<std::string> args{"set", file};
        args.insert(args.end(), values.begin(), values.end());
        r = box_.cli(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return file;
    }
    Sandbox box_;
};

TEST_F(CliHistory, GetCompareFindsThePreviousQuarterAcrossTheYearAndTheSameQuarterAYearBefore) {
    make("2024-Q1", {"HS.4.1=600", "I.2.1=6", "I.2.2=3"});
    make("2024-Q4", {"HS.4.1=731", "I.2.1=6", "I.2.2=6"});
    const auto now = make("2025-Q1", {"HS.4.1=1.034", "I.2.1=6", "I.2.2=2"});

    auto r = box_.cli({"get", now, "HS.4.1", "I.2", "--compare", "previous", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = parse_json(r);
    EXPECT_EQ(j["compare"], "previous");
    EXPECT_EQ(j["baseline"]["period"], "2024-Q4");
    EXPECT_EQ(j["values"]["HS.4.1"]["value"], 1034);
    EXPECT_EQ(j["values"]["HS.4.1"]["baseline"]["value"], 731);
    EXPECT_EQ(j["values"]["HS.4.1"]["change"], 303);
    EXPECT_NEAR(j["values"]["I.2"]["change"].get<double>(), 100.0 / 3 - 100.0, 1e-9);
    EXPECT_FALSE(j["values"].contains("I.1")) << "only the codes asked for";

    r = box_.cli({"get", now, "HS.4.1", "--compare", "year-ago"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Quý I năm 2024"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("+434 (+72,33%)"), std::string::npos) << r.out;

    // No report of 2023-Q4 for 2024-Q1: said, and not an error.
    r = box_.cli({"get", box_.path("ws/2024-Q1.rbr").string(), "--compare", "previous", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    j = parse_json(r);
    EXPECT_TRUE(j["baseline"].is_null());
    EXPECT_EQ(j["baselinePeriod"], "2023-Q4");
    EXPECT_TRUE(j["values"]["HS.4.1"]["baseline"].is_null());

    r = box_.cli({"get", now, "--compare", "last-year"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("year-ago"), std::string::npos) << r.err;
}

TEST_F(CliHistory, ValidateWithTheWorkspaceWarnsOfAFigureFarFromTheUnitsPast) {
    make("2024-Q2", {"HS.4.1=702"});
    make("2024-Q3", {"HS.4.1=690"});
    make("2024-Q4", {"HS.4.1=731"});
    const auto now = make("2025-Q1", {"HS.4.1=7.170"});
    auto r = box_.cli({"validate", now, "--json", "--workspace", box_.path("ws").string()});
    auto j = parse_json(r);
    int outliers = 0;
    for (const auto& f : j["findings"])
        if (f["rule"] == "history.outlier") {
            ++outliers;
            EXPECT_EQ(f["codes"][0], "HS.4.1");
            EXPECT_EQ(f["severity"], "warning");
        }
    EXPECT_EQ(outliers, 1);
    // Without the workspace the report is judged on its own.
    r = box_.cli({"validate", now, "--json"});
    const auto alone = parse_json(r);  // named: a range-for over a member of a temporary dangles
    for (const auto& f : alone["findings"]) EXPECT_NE(f["rule"], "history.outlier");
    // Justified, it no longer counts as an open warning.
    const int open_before = j["warnings"].get<int>();
    r = box_.cli({"justify", now, "history.outlier:HS.4.1", "--value", "Đợt cấp đổi sổ đỏ hàng loạt"});
    EXPECT_EQ(r.exit_code, 1) << "without the workspace there is no such warning";
    r = box_.cli({"justify", now, "history.outlier:HS.4.1", "--value", "Đợt cấp đổi sổ đỏ hàng loạt", "--workspace",
                  box_.path("ws").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    r = box_.cli({"validate", now, "--json", "--workspace", box_.path("ws").string()});
    j = parse_json(r);
    EXPECT_EQ(j["warnings"].get<int>(), open_before - 1);
    // The series behind the desktop's chart.
    r = box_.cli({"history", now, "HS.4.1", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    j = parse_json(r);
    ASSERT_EQ(j["points"].size(), 4u);
    EXPECT_EQ(j["points"][0]["period"], "2024-Q2");
    EXPECT_EQ(j["points"][3]["display"], "7.170");
}

}  // namespace
}  // namespace rb::test
