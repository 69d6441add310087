// A power cut with unsaved edits: the real program is killed (-9) after its journal was
// written; the next start offers the edits back, and accepting restores them.
#include "dialogs.hpp"
#include "gui_test_support.hpp"
#include "process_support.hpp"
#include "session/journal.hpp"

namespace rb::test {
namespace {

using desktop::RecoveryDialog;

class Recovery : public GuiTest {};

TEST_F(Recovery, EditsOfAKilledProcessAreOfferedBackAndRestored) {
    const fs::path seed = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    const fs::path ready = path("journal-written");
    const fs::path script = path("script.txt");
    const std::string typed_text = "Nhiệm vụ quý tới: số hóa hồ sơ một cửa.";
    {
        std::ofstream s(script);
        s << "set I.2.1 1.034\n";
        s << "text IV " << typed_text << "\n";
        s << "journal\n";
        s << "touch " << ready.string() << "\n";
    }
    Child app = spawn(RB_DESKTOP, {"--workspace", (dir_ / "ws").string(), seed.string()},
                      {{"REPORTBENCH_TEST_SCRIPT", script.string()}});
    ASSERT_GT(app.pid, 0);
    ASSERT_TRUE(wait_for_file(ready, 40000)) << "the program never wrote its journal";
    const fs::path journal_dir = path("userdata/reportbench/journal");
    int journals = 0;
    for (const auto& e : fs::directory_iterator(journal_dir))
        if (e.path().extension() == ".rbj") ++journals;
    EXPECT_EQ(journals, 1);
    // A running instance's journal is not offered to another one.
    EXPECT_TRUE(session::Journal(journal_dir.string()).pending_recoveries().empty());

    ::kill(app.pid, SIGKILL);
    EXPECT_EQ(wait_exit(app, 5000), 128 + SIGKILL);
    // The file on disk never saw the edits.
    EXPECT_EQ(report::load(seed.string())->values.at("I.2.1").value, "6");

    // The next start: the recovery dialog lists the report; "Recover" brings the edits back.
    auto* frame = make_frame();
    std::size_t listed = 0;
    WhenDialog<RecoveryDialog> answer([&](RecoveryDialog& d) {
        listed = d.list()->GetCount();
        click(d.FindWindow(wxID_OK));
    });
    frame->offer_recoveries();
    ASSERT_TRUE(answer.done()) << "no recovery was offered";
    EXPECT_EQ(listed, 1u);
    ASSERT_EQ(frame->view_count(), 1u);
    auto* v = frame->current_view();
    EXPECT_TRUE(v->session().dirty());
    EXPECT_EQ(v->session().path(), seed.string());
    EXPECT_EQ(v->session().report().values.at("I.2.1").value, "1034");
    EXPECT_EQ(v->session().report().narrative.at("IV"), typed_text);
    EXPECT_EQ(cell(v, "I.2.1"), "1.034");

    // Saved now: the journal goes, nothing is offered again.
    menu(frame, wxID_SAVE);
    EXPECT_FALSE(v->session().dirty());
    EXPECT_EQ(report::load(seed.string())->values.at("I.2.1").value, "1034");
    EXPECT_TRUE(frame->journal().pending_recoveries().empty());
    int left = 0;
    for (const auto& e : fs::directory_iterator(journal_dir))
        if (e.path().extension() == ".rbj") ++left;
    EXPECT_EQ(left, 0);
}

TEST_F(Recovery, LaterKeepsTheJournalsAndDeleteRemovesThem) {
    const fs::path seed = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    const fs::path ready = path("ready");
    {
        std::ofstream s(path("script.txt"));
        s << "set I.1 15\njournal\ntouch " << ready.string() << "\n";
    }
    Child app = spawn(RB_DESKTOP, {"--workspace", (dir_ / "ws").string(), seed.string()},
                      {{"REPORTBENCH_TEST_SCRIPT", path("script.txt").string()}});
    ASSERT_TRUE(wait_for_file(ready, 40000));
    ::kill(app.pid, SIGKILL);
    wait_exit(app, 5000);

    auto* frame = make_frame();
    WhenDialog<RecoveryDialog> later([&](RecoveryDialog& d) { click(d.FindWindow(wxID_CANCEL)); });
    frame->offer_recoveries();
    ASSERT_TRUE(later.done());
    EXPECT_EQ(frame->view_count(), 0u);
    EXPECT_EQ(frame->journal().pending_recoveries().size(), 1u);

    WhenDialog<RecoveryDialog> remove([&](RecoveryDialog& d) { click(d.FindWindow(wxID_DELETE)); });
    frame->offer_recoveries();
    ASSERT_TRUE(remove.done());
    EXPECT_EQ(frame->view_count(), 0u);
    EXPECT_TRUE(frame->journal().pending_recoveries().empty());
}

TEST_F(Recovery, TheAutosaveTimerJournalsWithoutBeingAsked) {
    desktop::ShellOptions o;
    o.registry = bundled_registry();
    o.workspace = (dir_ / "ws").string();
    o.autosave_ms = 200;
    frame_ = new desktop::MainFrame(std::move(o));
    frame_->Show();
    auto* v = frame_->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    ASSERT_TRUE(v->edit_value("I.1", "14"));
    const fs::path journal = frame_->journal().file_for(v->session());
    EXPECT_FALSE(fs::exists(journal));
    EXPECT_TRUE(pump_until([&] { return fs::exists(journal); })) << "the 200 ms autosave never wrote";
    // Closing without saving on purpose removes it.
    frame_->close_view(*v, false);
    EXPECT_FALSE(fs::exists(journal));
}

}  // namespace
}  // namespace rb::test
