// The command line of `reportbench`: options, help, mistakes, files that cannot be opened.
#include "app.hpp"
#include "gui_test_support.hpp"
#include "process_support.hpp"

namespace rb::test {
namespace {

class CommandLine : public GuiTest {};

TEST_F(CommandLine, OptionsAreRead) {
    auto o = desktop::parse_options({"a.rbr", "--lang", "en", "--workspace=/w", "--plugin-path", "/p1",
                                     "--plugin-path=/p2", "--screenshot", "s.png", "--exit-when-idle", "b.rbr"});
    ASSERT_TRUE(o) << o.error();
    EXPECT_EQ(o->files, (std::vector<std::string>{"a.rbr", "b.rbr"}));
    EXPECT_EQ(o->lang, "en");
    EXPECT_EQ(o->workspace, "/w");
    EXPECT_EQ(o->plugin_paths, (std::vector<std::string>{"/p1", "/p2"}));
    EXPECT_EQ(o->screenshot, "s.png");
    EXPECT_TRUE(o->exit_when_idle);
}

TEST_F(CommandLine, MistakesAreNamed) {
    auto bad = desktop::parse_options({"--lang", "fr"});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("fr"), std::string::npos);
    bad = desktop::parse_options({"--bogus"});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("--bogus"), std::string::npos);
    EXPECT_FALSE(desktop::parse_options({"--workspace"}));
    EXPECT_FALSE(desktop::parse_options({"--screenshot", "x.png"})) << "a screenshot needs --exit-when-idle";
}

TEST_F(CommandLine, HelpAndMistakesNeedNoWindow) {
    Child help = spawn(RB_DESKTOP, {"--help"}, {{"DISPLAY", ""}}, true);
    const std::string out = read_all(help.out_fd);
    EXPECT_EQ(wait_exit(help, 10000), 0);
    EXPECT_NE(out.find("--screenshot"), std::string::npos);
    Child bad = spawn(RB_DESKTOP, {"--bogus"}, {{"DISPLAY", ""}});
    EXPECT_EQ(wait_exit(bad, 10000), 2);
    Child version = spawn(RB_DESKTOP, {"--version"}, {{"DISPLAY", ""}}, true);
    const std::string v = read_all(version.out_fd);
    EXPECT_EQ(wait_exit(version, 10000), 0);
    EXPECT_EQ(v, std::string("reportbench ") + RB_VERSION + "\n");
}

TEST_F(CommandLine, AFileThatCannotBeOpenedFailsAnUnattendedRun) {
    std::ofstream(path("broken.rbr")) << "<report";
    Child c = spawn(RB_DESKTOP, {"--workspace", (dir_ / "ws").string(), "--exit-when-idle", path("broken.rbr").string()});
    EXPECT_EQ(wait_exit(c, 40000), 1);
}

TEST_F(CommandLine, AnUnattendedRunWithTheSeedExitsCleanly) {
    Child c = spawn(RB_DESKTOP, {"--workspace", (dir_ / "ws").string(), "--exit-when-idle",
                                 sample("cchc", "phuong-dinh-2024-q1.rbr").string()},
                    {{"REPORTBENCH_TIMING", "1"}}, true);
    const std::string out = read_all(c.out_fd);
    EXPECT_EQ(wait_exit(c, 40000), 0);
    EXPECT_NE(out.find("idle after"), std::string::npos) << out;
}

}  // namespace
}  // namespace rb::test
