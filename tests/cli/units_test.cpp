// The units catalog through the CLI: looking units up, new reports by code or name, the code
// set on an existing report, local additions checked.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

class CliUnits : public ::testing::Test {
protected:
    Sandbox box_;
};

TEST_F(CliUnits, SearchShowAndCommunes) {
    auto r = box_.cli({"units", "search", "phuong dinh", "--period", "2024-Q1", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = parse_json(r);
    ASSERT_GE(j.size(), 2u);
    std::set<std::string> first{j[0]["code"], j[1]["code"]};
    EXPECT_TRUE(first.count("14029")) << r.out;
    for (const auto& u : j)
        if (u["code"] == "14029") {
            EXPECT_EQ(u["district"]["name"], "Huyện Trực Ninh");
            EXPECT_EQ(u["province"]["name"], "Tỉnh Nam Định");
        }
    // After 1 July 2025 Phương Định is gone; Ninh Giang shows its predecessors.
    r = box_.cli({"units", "show", "14038", "--period", "2025-Q3", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    j = parse_json(r);
    EXPECT_EQ(j["fullName"], "Xã Ninh Giang");
    bool pd = false;
    for (const auto& p : j["predecessors"]) pd |= p["code"] == "14029" && p["share"] == "whole";
    EXPECT_TRUE(pd) << r.out;
    r = box_.cli({"units", "show", "14029", "--date", "01/01/2025"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Xã Ninh Giang"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("30/6/2025"), std::string::npos) << r.out;
    r = box_.cli({"units", "communes", "ninh binh", "--period", "2025-Q3", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(parse_json(r).size(), 100u);
    r = box_.cli({"units", "communes", "Nam Định", "--period", "2025-Q3"});
    EXPECT_EQ(r.exit_code, 1);  // no such province after the merger
    EXPECT_NE(r.err.find("Nam Định"), std::string::npos);
    r = box_.cli({"--lang", "en", "units", "search", "zzzz", "--period", "2025-Q3"});
    EXPECT_EQ(r.exit_code, 1);
}

TEST_F(CliUnits, NewByCodeOrNameFillsTheUnitFromTheCatalog) {
    const std::string a = box_.path("a.rbr").string();
    auto r = box_.cli({"new", "cchc", "--period", "2024-Q1", "--unit", "14029", "-o", a});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = slurp(a);
    EXPECT_NE(text.find(R"(code="14029" name="Phương Định" kind="xã" parent="Trực Ninh" parentKind="huyện" province="Nam Định")"),
              std::string::npos)
        << text;
    // A name two communes share: refused, both offered with their codes; the province decides.
    const std::string b = box_.path("b.rbr").string();
    r = box_.cli({"new", "cchc", "--period", "2024-Q1", "--unit", "phuong dinh", "-o", b});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("09811"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("14029"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(b));
    r = box_.cli({"new", "cchc", "--period", "2024-Q1", "--unit", "xa phuong dinh", "--province", "nam dinh", "-o", b});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(slurp(b).find(R"(code="14029")"), std::string::npos);
    // A code that no longer exists on the period's last day: where it went is said.
    r = box_.cli({"new", "cchc", "--period", "2025-Q3", "--unit", "14029", "-o", box_.path("c.rbr").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Ninh Giang (14038)"), std::string::npos) << r.err;
    // A name the list lacks: kept as typed, said so, and the report's check says it too.
    const std::string d = box_.path("d.rbr").string();
    r = box_.cli({"new", "cchc", "--period", "2025", "--unit", "Thôn Lạ", "--province", "Ninh Bình", "-o", d});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Thôn Lạ"), std::string::npos);
    EXPECT_EQ(slurp(d).find("<unit code="), std::string::npos);
    r = box_.cli({"validate", d, "--json"});
    EXPECT_NE(r.out.find("unit.catalog"), std::string::npos) << r.out;
}

TEST_F(CliUnits, TheCodeSetLaterFillsTheRestAndOneUndoTakesItBack) {
    const std::string a = box_.path("a.rbr").string();
    auto r = box_.cli({"new", "cchc", "--period", "2025-Q3", "--unit", "Ninh Giang typed", "-o", a});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = box_.cli({"header", a, "unit-code=14038"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = slurp(a);
    EXPECT_NE(text.find(R"(code="14038" name="Ninh Giang" kind="xã" parent="" parentKind="" province="Ninh Bình")"),
              std::string::npos)
        << text;
    r = box_.cli({"header", a, "unit-code=14029"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Ninh Giang"), std::string::npos) << r.err;
    r = box_.cli({"header", a, "unit-code=abc"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(slurp(a).find(R"(code="14038")"), std::string::npos);
    // A name that is not the code's is a warning of the report.
    r = box_.cli({"header", a, "unit=Liêm Hải"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = box_.cli({"validate", a, "--json"});
    EXPECT_NE(r.out.find("Xã Ninh Giang"), std::string::npos) << r.out;
}

TEST_F(CliUnits, LocalAdditionsAreCheckedAgainstTheCatalog) {
    const std::string head = "#format\t1\ncode\tlevel\tkind\tname\tparent\tprovince\tfrom\tto\tpredecessors\n";
    const auto good = box_.path("good.tsv");
    std::ofstream(good) << head << "90001\tcommune\txã\tĐảo Mới\t\t37\t2025-07-01\t\t\n";
    auto r = box_.cli({"units", "check", good.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto clash = box_.path("clash.tsv");
    std::ofstream(clash) << head << "14038\tcommune\txã\tTrùng\t\t37\t2025-07-01\t\t\n";
    r = box_.cli({"units", "check", clash.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("clash.tsv:3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Ninh Giang"), std::string::npos) << r.err;
    const auto broken = box_.path("broken.tsv");
    std::ofstream(broken) << head << "9000x\tcommune\txã\tA\t\t37\t\t\t\n";
    r = box_.cli({"units", "check", broken.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("broken.tsv:3"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rb::test
