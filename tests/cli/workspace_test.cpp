// reportbench-cli workspace init-samples: the sample workspace from the command line.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace rb::test {
namespace {

namespace fs = std::filesystem;

std::size_t rbr_count(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".rbr") ++n;
    return n;
}

TEST(WorkspaceSamples, OneOfEachKindIsCopiedAndNothingIsOverwritten) {
    Sandbox box;
    const fs::path ws = box.path("ws");
    fs::create_directories(ws);
    std::ofstream(ws / "ninh-giang-2025-q3.rbr") << "the commune's own file";
    const auto first = box.cli({"workspace", "init-samples", ws.string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(rbr_count(ws), 3u);
    for (const char* f : {"phuong-dinh-2024-q1.rbr", "hai-hau-2025.rbr"}) {
        EXPECT_EQ(slurp(ws / f), slurp(fs::path(RB_SOURCE_DIR) / "plugins" /
                                       (std::string(f).rfind("phuong", 0) == 0 ? "cchc" : "iso9001") / "samples" / f))
            << f;
        EXPECT_NE(first.out.find(f), std::string::npos) << first.out;
    }
    EXPECT_EQ(slurp(ws / "ninh-giang-2025-q3.rbr"), "the commune's own file");
    EXPECT_NE(first.out.find("giữ nguyên"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("đã chép 2 báo cáo mẫu"), std::string::npos) << first.out;
    // The copies are reports the program reads and checks.
    EXPECT_EQ(box.cli({"validate", (ws / "phuong-dinh-2024-q1.rbr").string()}).exit_code, 0);

    const auto again = parse_json(box.cli({"workspace", "init-samples", ws.string(), "--json"}));
    EXPECT_TRUE(again["copied"].empty());
    EXPECT_EQ(again["skipped"].size(), 3u);
    EXPECT_EQ(again["folder"], fs::absolute(ws).lexically_normal().string());
}

TEST(WorkspaceSamples, WithoutAFolderTheHomeWorkspaceIsUsed) {
    Sandbox box;
    const std::string saved = paths::environment(documents_variable());
    set_env(documents_variable(), paths::text_of(box.dir()));
    const auto r = box.cli({"--lang", "en", "workspace", "init-samples"});
    if (saved.empty()) unset_env(documents_variable());
    else set_env(documents_variable(), saved);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(rbr_count(box.path("ReportBench")), 3u);
    EXPECT_NE(r.out.find("3 sample report(s) copied"), std::string::npos) << r.out;
}

TEST(WorkspaceSamples, BadUseAndUnwritableFoldersAreClearErrors) {
    Sandbox box;
    const auto bare = box.cli({"workspace"});
    EXPECT_EQ(bare.exit_code, 2);
    EXPECT_NE(bare.err.find("init-samples"), std::string::npos) << bare.err;
    EXPECT_EQ(box.cli({"workspace", "bogus"}).exit_code, 2);
    std::ofstream(box.path("a-file")) << "x";
    const auto r = box.cli({"workspace", "init-samples", box.path("a-file").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("a-file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rb::test
