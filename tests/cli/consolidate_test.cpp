// reportbench-cli consolidate end to end: communes' reports exported as submissions with the
// real CLI, consolidated with a list of the communes that should have submitted, the result
// read back with `get` and exported to XLSX and DOCX with `export`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {
namespace fs = std::filesystem;

struct Commune {
    const char* name;
    int requests;   // HS.2.2
    int documents;  // V.1.1
    int electronic; // V.1.2
};

// Small communes send a smaller share electronically: the average of the shares (70 %) is
// not the share of the district (90 %).
const Commune kCommunes[] = {
    {"Xã Trực Thanh", 100, 10, 0},
    {"Xã Trực Nội", 200, 20, 20},
    {"Xã Trực Hưng", 300, 30, 30},
    {"Xã Trực Đạo", 400, 40, 40},
};

class ConsolidateCli : public ::testing::Test {
protected:
    void SetUp() override {
        fs::create_directories(box.path("nop"));
        int i = 0;
        for (const auto& c : kCommunes) submission(c, "2024-Q1", box.path("nop") / ("xa-" + std::to_string(i++) + ".xml"));
        std::ofstream(box.path("ds.txt")) << "# Các xã phải nộp\n";
        for (const auto& c : kCommunes) std::ofstream(box.path("ds.txt"), std::ios::app) << c.name << "\n";
    }

    // A report made and filled with the CLI, exported as a submission (XML).
    std::string submission(const Commune& c, const std::string& period, const fs::path& out, int extra = 0) {
        const std::string rbr = box.path(fs::path(out).stem().string() + ".rbr").string();
        auto made = box.cli({"new", "cchc", "--period", period, "--unit", c.name, "--parent", "Trực Ninh", "-o", rbr});
        EXPECT_EQ(made.exit_code, 0) << made.err;
        auto set = box.cli({"set", rbr, "HS.2.2=" + std::to_string(c.requests + extra), "V.1.1=" + std::to_string(c.documents),
                            "V.1.2=" + std::to_string(c.electronic)});
        EXPECT_EQ(set.exit_code, 0) << set.err;
        auto ex = box.cli({"export", rbr, "--format", "xml", "-o", out.string()});
        EXPECT_EQ(ex.exit_code, 0) << ex.err;
        return out.string();
    }

    nlohmann::json get(const std::string& report, const std::vector<std::string>& codes) {
        std::vector<std::string> args = {"get", report};
        args.insert(args.end(), codes.begin(), codes.end());
        args.push_back("--json");
        auto r = box.cli(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return parse_json(r);
    }

    Sandbox box;
};

TEST_F(ConsolidateCli, AllSubmittedGivesTheSumsAndTheRecomputedShare) {
    const std::string out = box.path("tong-hop.rbr").string();
    auto r = box.cli({"consolidate", box.path("nop").string(), "--expect", box.path("ds.txt").string(), "-o", out});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("Đã nộp và được tính: 4 đơn vị"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Chưa nộp: 0 đơn vị"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Xã Trực Đạo"), std::string::npos);
    ASSERT_TRUE(fs::exists(out));

    const auto j = get(out, {"HS.2.2", "V.1.1", "V.1.2", "V.1"});
    EXPECT_EQ(j["unit"], "Trực Ninh");
    EXPECT_EQ(j["period"], "2024-Q1");
    EXPECT_EQ(j["values"]["HS.2.2"]["value"], 1000);
    EXPECT_EQ(j["values"]["V.1.1"]["value"], 100);
    EXPECT_EQ(j["values"]["V.1.2"]["value"], 90);
    EXPECT_NEAR(j["values"]["V.1"]["value"].get<double>(), 90.0, 0.01);  // not 70, the average

    // The consolidated report goes through the same exporters as any report.
    for (const char* fmt : {"xlsx", "docx"}) {
        const std::string file = box.path(std::string("tong-hop.") + fmt).string();
        auto ex = box.cli({"export", out, "--format", fmt, "-o", file});
        EXPECT_EQ(ex.exit_code, 0) << fmt << ": " << ex.err;
        EXPECT_TRUE(fs::exists(file) && fs::file_size(file) > 1000) << fmt;
    }
    // And consolidate exports directly with --format.
    const std::string xlsx = box.path("truc-tiep.xlsx").string();
    auto direct = box.cli({"consolidate", box.path("nop").string(), "--format", "xlsx", "-o", xlsx});
    EXPECT_EQ(direct.exit_code, 0) << direct.err;
    EXPECT_TRUE(fs::exists(xlsx));
}

TEST_F(ConsolidateCli, ProblemsAreReportedWithExitCodeOneAndTheTableIsStillWritten) {
    std::ofstream(box.path("ds.txt"), std::ios::app) << "Xã Trực Chính\n";  // expected, never sent
    const fs::path extra = box.path("extra");
    fs::create_directories(extra);
    submission(kCommunes[1], "2024-Q2", extra / "quy-2.xml");                           // another period
    submission(kCommunes[2], "2024-Q1", extra / "trung.xml", 5);                        // same commune, other figures
    submission({"Xã Lạ", 1, 1, 1}, "2024-Q1", extra / "la.xml");                        // not in the list
    std::ofstream(extra / "hong.xml") << "<?xml version=\"1.0\"?>\n<submission>\n";  // cut off
    const std::string out = box.path("tong-hop.rbr").string();
    auto r = box.cli({"consolidate", box.path("nop").string(), extra.string(), "--expect", box.path("ds.txt").string(),
                      "-o", out, "--unit", "Huyện Trực Ninh"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    ASSERT_TRUE(fs::exists(out));
    EXPECT_NE(r.out.find("Xã Trực Chính"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("quy-2.xml"), std::string::npos);
    EXPECT_NE(r.out.find("2024-Q2"), std::string::npos);
    EXPECT_NE(r.out.find("trung.xml"), std::string::npos);
    EXPECT_NE(r.out.find("hong.xml"), std::string::npos);
    EXPECT_NE(r.out.find("Xã Lạ"), std::string::npos);

    // Counted: communes 0, 1 and 3 (commune 2 sent two different reports, so neither counts).
    const auto j = get(out, {"HS.2.2"});
    EXPECT_EQ(j["values"]["HS.2.2"]["value"], 100 + 200 + 400);
    EXPECT_EQ(j["unit"], "Trực Ninh");

    auto js = box.cli({"consolidate", box.path("nop").string(), extra.string(), "--expect", box.path("ds.txt").string(),
                       "-o", out, "--json"});
    EXPECT_EQ(js.exit_code, 1);
    const auto k = parse_json(js);
    EXPECT_EQ(k["summary"]["inputs"], 8);
    EXPECT_EQ(k["summary"]["included"], 3);
    EXPECT_EQ(k["missing"], nlohmann::json::array({"Xã Trực Hưng", "Xã Trực Chính"}));
    std::map<std::string, std::string> state;
    for (const auto& in : k["inputs"]) state[fs::path(in["file"].get<std::string>()).filename().string()] = in["state"];
    EXPECT_EQ(state["quy-2.xml"], "mismatch");
    EXPECT_EQ(state["trung.xml"], "duplicate");
    EXPECT_EQ(state["xa-2.xml"], "duplicate");
    EXPECT_EQ(state["la.xml"], "unknown");
    EXPECT_EQ(state["hong.xml"], "unreadable");
    EXPECT_EQ(state["xa-0.xml"], "included");
    // Drill-down: each counted commune's value of HS.2.2, by input index.
    for (const auto& t : k["totals"]) {
        if (t["code"] != "HS.2.2") continue;
        EXPECT_EQ(t["value"], 700);
        EXPECT_EQ(t["contributors"], 3);
        int sum = 0;
        for (const auto& u : t["units"]) {
            EXPECT_EQ(k["inputs"][u[0].get<int>()]["state"], "included");
            sum += u[1].get<int>();
        }
        EXPECT_EQ(sum, 700);
    }
}

TEST_F(ConsolidateCli, EnglishOutput) {
    auto r = box.cli({"--lang", "en", "consolidate", box.path("nop").string(), "-o", box.path("t.rbr").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Submitted and counted: 4 units"), std::string::npos) << r.out;
}

TEST_F(ConsolidateCli, UsageErrorsExitTwo) {
    EXPECT_EQ(box.cli({"consolidate", box.path("nop").string()}).exit_code, 2);                      // no -o
    EXPECT_EQ(box.cli({"consolidate", box.path("nop").string(), "-o", box.path("x.docx").string()}).exit_code, 2);
    EXPECT_EQ(box.cli({"consolidate", box.path("khong-co").string(), "-o", box.path("x.rbr").string()}).exit_code, 2);
    fs::create_directories(box.path("trong"));
    EXPECT_EQ(box.cli({"consolidate", box.path("trong").string(), "-o", box.path("x.rbr").string()}).exit_code, 2);
    auto bad_list = box.path("bad.txt");
    std::ofstream(bad_list, std::ios::binary) << "Xã A\n\xFF\n";
    auto r = box.cli({"consolidate", box.path("nop").string(), "--expect", bad_list.string(), "-o", box.path("x.rbr").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.txt:2"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(box.path("x.rbr")));
}

}  // namespace
}  // namespace rb::test
