// The sample workspace: which bundled samples are offered (one per report type, never the
// deliberately broken ones), and copying them without ever replacing a user's file.
#include "session/sample_workspace.hpp"

#include <algorithm>

#include "session/settings.hpp"
#include "session/workspace.hpp"
#include "session_fixture.hpp"

namespace rb::test {
namespace {

class SampleWorkspace : public SessionTest {
protected:
    // The fixture's plugins have no samples; give them the bundled ones and read them again.
    void add_bundled_samples() {
        for (const char* name : {"cchc", "iso9001", "digital"}) {
            const fs::path from = fs::path(RB_SOURCE_DIR) / "plugins" / name / "samples";
            fs::create_directories(dir_ / "plugins" / name / "samples");
            for (const auto& e : fs::directory_iterator(from))
                if (e.path().extension() == ".rbr")
                    fs::copy_file(e.path(), dir_ / "plugins" / name / "samples" / e.path().filename());
        }
        rediscover();
    }
    void rediscover() { registry_ = plugin::Registry::discover(plugin::SearchPath{{(dir_ / "plugins").string()}}); }
    static std::vector<std::string> names(const std::vector<std::string>& paths) {
        std::vector<std::string> out;
        for (const auto& p : paths) out.push_back(fs::path(p).filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

TEST_F(SampleWorkspace, OneSamplePerKindAndNeverTheOneWithMistakes) {
    add_bundled_samples();
    const auto samples = session::find_samples(registry_);
    ASSERT_EQ(samples.size(), 3u);
    std::vector<std::string> files;
    for (const auto& s : samples) files.push_back(s.path);
    EXPECT_EQ(names(files),
              (std::vector<std::string>{"hai-hau-2025.rbr", "ninh-giang-2025-q3.rbr", "phuong-dinh-2024-q1.rbr"}));
    EXPECT_EQ(samples[0].type_id, "cchc");  // the seed report comes first
    EXPECT_EQ(samples[0].plugin_id, "cchc");
    EXPECT_FALSE(samples[0].type_title.empty());
    // The choice rests on the checks, not on file names: the rejected ones do have more errors.
    const auto clean = session::summarize(registry_, (dir_ / "plugins/iso9001/samples/hai-hau-2025.rbr").string());
    const auto broken =
        session::summarize(registry_, (dir_ / "plugins/iso9001/samples/hai-hau-2025-mistakes.rbr").string());
    EXPECT_GT(broken.errors * 1000 + broken.warnings, clean.errors * 1000 + clean.warnings);
}

TEST_F(SampleWorkspace, TheCleanerSampleWinsWhateverItsName) {
    add_bundled_samples();
    // A clean copy under a name that sorts first, and the broken one renamed to sort before it.
    const fs::path samples = dir_ / "plugins" / "digital" / "samples";
    fs::rename(samples / "ninh-giang-2025-q3-mistakes.rbr", samples / "a-first.rbr");
    fs::rename(samples / "ninh-giang-2025-q3.rbr", samples / "z-last.rbr");
    rediscover();
    for (const auto& s : session::find_samples(registry_)) {
        if (s.type_id == "digital") {
            EXPECT_EQ(fs::path(s.path).filename(), "z-last.rbr");
        }
    }
}

TEST_F(SampleWorkspace, UnreadableSamplesAndUninstalledKindsAreNotOffered) {
    add_bundled_samples();
    std::ofstream(dir_ / "plugins" / "cchc" / "samples" / "broken.rbr") << "not a report";
    fs::remove_all(dir_ / "plugins" / "digital");
    rediscover();
    const auto samples = session::find_samples(registry_);
    ASSERT_EQ(samples.size(), 2u);
    for (const auto& s : samples) {
        EXPECT_NE(s.type_id, "digital");
        EXPECT_NE(fs::path(s.path).filename(), "broken.rbr");
    }
}

TEST_F(SampleWorkspace, PluginsWithoutSamplesOfferNothing) {
    EXPECT_TRUE(session::find_samples(registry_).empty());
}

TEST_F(SampleWorkspace, CopiesIntoANewFolderByteForByteAndLeavesNoTemporaryFiles) {
    add_bundled_samples();
    const auto samples = session::find_samples(registry_);
    const fs::path ws = dir_ / "home" / "ReportBench";
    EXPECT_TRUE(session::workspace_is_empty(ws.string()));
    auto done = session::copy_samples(samples, ws.string());
    ASSERT_TRUE(done) << done.error();
    EXPECT_EQ(done->copied.size(), 3u);
    EXPECT_TRUE(done->skipped.empty());
    for (const auto& s : samples) EXPECT_EQ(read_text(ws / fs::path(s.path).filename()), read_text(s.path));
    EXPECT_EQ(std::distance(fs::directory_iterator(ws), fs::directory_iterator()), 3);
    EXPECT_FALSE(session::workspace_is_empty(ws.string()));
    // The workspace reads them as reports of three kinds.
    session::Workspace w(ws.string());
    w.scan(registry_);
    EXPECT_EQ(w.groups().size(), 3u);
}

TEST_F(SampleWorkspace, AnExistingFileIsNeverReplaced) {
    add_bundled_samples();
    const auto samples = session::find_samples(registry_);
    const fs::path ws = dir_ / "ws";
    fs::create_directories(ws);
    std::ofstream(ws / "hai-hau-2025.rbr") << "the commune's own file";
    auto first = session::copy_samples(samples, ws.string());
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(names(first->copied), (std::vector<std::string>{"ninh-giang-2025-q3.rbr", "phuong-dinh-2024-q1.rbr"}));
    EXPECT_EQ(names(first->skipped), (std::vector<std::string>{"hai-hau-2025.rbr"}));
    EXPECT_EQ(read_text(ws / "hai-hau-2025.rbr"), "the commune's own file");
    // Again: nothing to do, nothing touched.
    std::ofstream(ws / "phuong-dinh-2024-q1.rbr", std::ios::app) << "\n";
    const std::string edited = read_text(ws / "phuong-dinh-2024-q1.rbr");
    auto second = session::copy_samples(samples, ws.string());
    ASSERT_TRUE(second) << second.error();
    EXPECT_TRUE(second->copied.empty());
    EXPECT_EQ(second->skipped.size(), 3u);
    EXPECT_EQ(read_text(ws / "phuong-dinh-2024-q1.rbr"), edited);
}

TEST_F(SampleWorkspace, AFolderThatIsAFileIsAClearError) {
    add_bundled_samples();
    std::ofstream(dir_ / "not-a-folder") << "x";
    auto done = session::copy_samples(session::find_samples(registry_), (dir_ / "not-a-folder").string());
    ASSERT_FALSE(done);
    EXPECT_NE(done.error().find("not-a-folder"), std::string::npos) << done.error();
}

TEST_F(SampleWorkspace, AMissingSampleIsNamedAndEarlierCopiesStay) {
    add_bundled_samples();
    auto samples = session::find_samples(registry_);
    ASSERT_EQ(samples.size(), 3u);
    samples[1].path = (dir_ / "gone.rbr").string();
    auto done = session::copy_samples(samples, (dir_ / "ws").string());
    ASSERT_FALSE(done);
    EXPECT_NE(done.error().find("gone.rbr"), std::string::npos) << done.error();
    EXPECT_TRUE(fs::exists(dir_ / "ws" / fs::path(samples[0].path).filename()));
    EXPECT_FALSE(fs::exists(dir_ / "ws" / "gone.rbr"));
}

TEST_F(SampleWorkspace, OnlyReportsMakeAWorkspaceNonEmpty) {
    const fs::path ws = dir_ / "ws";
    EXPECT_TRUE(session::workspace_is_empty(ws.string()));  // missing
    fs::create_directories(ws / "2024" / "Q1");
    std::ofstream(ws / "notes.txt") << "x";
    EXPECT_TRUE(session::workspace_is_empty(ws.string()));
    std::ofstream(ws / "2024" / "Q1" / "a.rbr") << "x";
    EXPECT_FALSE(session::workspace_is_empty(ws.string()));
}

TEST_F(SampleWorkspace, TheFirstStartIsRememberedInTheSettings) {
    const std::string file = path("settings.ini").string();
    session::Settings s;
    EXPECT_FALSE(session::Settings::load(file).first_start_done);
    s.first_start_done = true;
    ASSERT_TRUE(s.save(file));
    EXPECT_TRUE(session::Settings::load(file).first_start_done);
    EXPECT_NE(read_text(file).find("first_start=done"), std::string::npos);
}

}  // namespace
}  // namespace rb::test
