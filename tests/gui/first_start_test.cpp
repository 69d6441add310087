// The first start of a new user (an empty workspace: the sample workspace is offered, then the
// unit profile), and the remaining pictures of the user guide (carrying a quarter over, the
// draft help, the export dialog). Pictures go to <build>/screenshots/ like the other suites'.
#include <wx/image.h>
#include <wx/menu.h>

#include <vector>

#include "dialogs.hpp"
#include "first_start_dialog.hpp"
#include "gui_test_support.hpp"
#include "process_support.hpp"
#include "screenshot.hpp"
#include "session/new_report.hpp"
#include "session/settings.hpp"

namespace rb::test {
namespace {

using desktop::FirstStartDialog;
using desktop::NewReportDialog;
using desktop::ReportView;
using desktop::UnitProfileDialog;

// The labels of every item of the workspace tree, depth first.
std::vector<std::string> tree_labels(wxTreeCtrl* tree) {
    std::vector<std::string> out;
    std::function<void(wxTreeItemId)> walk = [&](wxTreeItemId item) {
        wxTreeItemIdValue cookie;
        for (auto c = tree->GetFirstChild(item, cookie); c.IsOk(); c = tree->GetNextChild(item, cookie)) {
            out.push_back(desktop::utf8(tree->GetItemText(c)));
            walk(c);
        }
    };
    walk(tree->GetRootItem());
    return out;
}

bool any_contains(const std::vector<std::string>& labels, const std::string& text) {
    for (const auto& l : labels)
        if (l.find(text) != std::string::npos) return true;
    return false;
}

std::size_t rbr_count(const fs::path& dir) {
    std::size_t n = 0;
    if (!fs::is_directory(dir)) return 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".rbr") ++n;
    return n;
}

// A new user: the home folder is the test's folder and the workspace the default one,
// ~/ReportBench, as on a fresh desktop.
class NewUser : public GuiTest {
protected:
    void SetUp() override {
        GuiTest::SetUp();
        if (const char* h = std::getenv("HOME")) old_home_ = h;
        setenv("HOME", dir_.c_str(), 1);
    }
    void TearDown() override {
        GuiTest::TearDown();
        if (old_home_.empty()) unsetenv("HOME");
        else setenv("HOME", old_home_.c_str(), 1);
    }
    desktop::MainFrame* make_default_frame() {
        desktop::ShellOptions o;
        o.registry = bundled_registry();
        frame_ = new desktop::MainFrame(std::move(o));
        frame_->SetSize(wxSize(1280, 800));
        frame_->Show();
        pump(50);
        return frame_;
    }
    fs::path ws() const { return dir_ / "ReportBench"; }
    fs::path add_to_workspace(const std::string& plugin, const std::string& file) {
        fs::create_directories(ws());
        fs::copy_file(sample(plugin, file), ws() / file);
        return ws() / file;
    }
    fs::path settings_file() const { return dir_ / "userdata" / "reportbench" / "settings.ini"; }
    std::string old_home_;
};

class FirstStart : public NewUser {};

TEST_F(FirstStart, TheSampleWorkspaceIsOfferedThenTheUnitProfile) {
    auto* frame = make_default_frame();
    ASSERT_TRUE(any_contains(tree_labels(frame->workspace_tree()), "chưa có báo cáo nào"));
    std::vector<std::string> order;
    WhenDialog<FirstStartDialog> offer([&](FirstStartDialog& d) {
        order.push_back("samples");
        EXPECT_EQ(label_text(d.samples_button()), "Mở không gian làm việc mẫu");
        EXPECT_EQ(label_text(d.empty_button()), "Bắt đầu với không gian trống");
        capture_window(&d, "first-start-vi.png", 400, 200);
        click(d.samples_button());
    });
    std::vector<std::string> tree_when_asked;
    WhenDialog<UnitProfileDialog> profile([&](UnitProfileDialog& d) {
        order.push_back("profile");
        tree_when_asked = tree_labels(frame->workspace_tree());
        capture_window(&d, "unit-profile-vi.png", 400, 300);
        // Typed as a user would: the commune's name, then Save.
        std::vector<wxTextCtrl*> fields;
        for (wxWindow* w : d.GetChildren())
            if (auto* t = dynamic_cast<wxTextCtrl*>(w)) fields.push_back(t);
        ASSERT_GE(fields.size(), 9u);
        fields[0]->SetValue(desktop::wxs("Phương Định"));
        fields[1]->SetValue(desktop::wxs("xã"));
        fields[4]->SetValue(desktop::wxs("Nam Định"));
        click(d.FindWindow(wxID_OK));
    });
    EXPECT_TRUE(frame->offer_first_start());
    ASSERT_TRUE(offer.done()) << "the first-start dialog never opened";
    ASSERT_TRUE(profile.done()) << "the unit-profile dialog never opened";
    EXPECT_EQ(order, (std::vector<std::string>{"samples", "profile"}));

    // The three samples are in the workspace and in its tree, one of each kind.
    EXPECT_EQ(rbr_count(ws()), 3u);
    for (const char* f : {"phuong-dinh-2024-q1.rbr", "hai-hau-2025.rbr", "ninh-giang-2025-q3.rbr"})
        EXPECT_TRUE(fs::exists(ws() / f)) << f;
    EXPECT_FALSE(fs::exists(ws() / "hai-hau-2025-mistakes.rbr"));
    ASSERT_EQ(frame->workspace().groups().size(), 3u);
    for (const auto* unit : {"Phương Định", "Hải Hậu", "Ninh Giang"})
        EXPECT_TRUE(any_contains(tree_when_asked, unit)) << unit << " not in the tree when the profile was asked";
    capture_window(frame, "first-start-tree-vi.png", 1000, 700);

    // The unit profile was saved; new reports get the commune's names.
    auto stored = session::load_user_unit_profile();
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->unit.name, "Phương Định");

    // Asked once: not again, in this window or the next start.
    EXPECT_TRUE(session::Settings::load(settings_file().string()).first_start_done);
    WhenDialog<FirstStartDialog> again([&](FirstStartDialog& d) { click(d.empty_button()); }, 500);
    EXPECT_FALSE(frame->offer_first_start());
    pump(600);
    EXPECT_FALSE(again.done());
}

TEST_F(FirstStart, ClosingTheQuestionWithoutAnAnswerAsksItAgainAtTheNextStart) {
    auto* frame = make_default_frame();
    WhenDialog<FirstStartDialog> closed([&](FirstStartDialog& d) {
        // The title bar's ×: the dialog's close event, which ends it as Esc does.
        d.Close();
    });
    EXPECT_TRUE(frame->offer_first_start());
    ASSERT_TRUE(closed.done());
    EXPECT_FALSE(session::Settings::load(settings_file().string()).first_start_done);
    EXPECT_EQ(rbr_count(ws()), 0u);
    destroy_frame();
    frame = make_default_frame();
    WhenDialog<FirstStartDialog> again([&](FirstStartDialog& d) { click(d.empty_button()); });
    WhenDialog<UnitProfileDialog> profile([&](UnitProfileDialog& d) { click(d.FindWindow(wxID_CANCEL)); });
    EXPECT_TRUE(frame->offer_first_start());
    EXPECT_TRUE(again.done()) << "the question came back";
    EXPECT_TRUE(session::Settings::load(settings_file().string()).first_start_done);
}

TEST_F(FirstStart, StartingEmptyIsRememberedAndTheSamplesCanBeAddedLater) {
    i18n::set_language(i18n::Language::English);
    auto* frame = make_default_frame();
    WhenDialog<FirstStartDialog> offer([&](FirstStartDialog& d) {
        EXPECT_EQ(label_text(d.samples_button()), "Open the sample workspace");
        capture_window(&d, "first-start-en.png", 400, 200);
        click(d.empty_button());
    });
    WhenDialog<UnitProfileDialog> profile([&](UnitProfileDialog& d) { click(d.FindWindow(wxID_CANCEL)); });
    EXPECT_TRUE(frame->offer_first_start());
    ASSERT_TRUE(offer.done());
    EXPECT_TRUE(profile.done()) << "no unit profile yet: it is offered even without the samples";
    EXPECT_EQ(rbr_count(ws()), 0u);
    EXPECT_TRUE(frame->workspace().reports().empty());

    // The next start does not ask again.
    destroy_frame();
    frame = make_default_frame();
    EXPECT_FALSE(frame->offer_first_start());

    // Tools → Add the sample reports, later; a file of the same name is kept.
    fs::create_directories(ws());
    std::ofstream(ws() / "hai-hau-2025.rbr") << "mine";
    menu(frame, desktop::kIdAddSamples);
    EXPECT_EQ(rbr_count(ws()), 3u);
    EXPECT_EQ(slurp(ws() / "hai-hau-2025.rbr"), "mine");
    EXPECT_NE(desktop::utf8(frame->GetStatusBar()->GetStatusText(0)).find("kept"), std::string::npos)
        << desktop::utf8(frame->GetStatusBar()->GetStatusText(0));
    // The user's file given up, the samples are added again: all three kinds are listed.
    fs::remove(ws() / "hai-hau-2025.rbr");
    menu(frame, desktop::kIdAddSamples);
    EXPECT_EQ(rbr_count(ws()), 3u);
    ASSERT_EQ(frame->workspace().groups().size(), 3u);
    for (const auto& g : frame->workspace().groups()) EXPECT_FALSE(g.type_id.empty()) << "an unreadable file is listed";
    capture_window(frame, "samples-en.png", 1000, 700);
}

TEST_F(FirstStart, AWorkspaceWithReportsIsNoFirstStart) {
    add_to_workspace("digital", "ninh-giang-2025-q3.rbr");
    auto* frame = make_default_frame();
    WhenDialog<FirstStartDialog> offer([&](FirstStartDialog& d) { click(d.empty_button()); }, 500);
    WhenDialog<UnitProfileDialog> profile([&](UnitProfileDialog& d) { click(d.FindWindow(wxID_CANCEL)); }, 500);
    EXPECT_FALSE(frame->offer_first_start());
    pump(600);
    EXPECT_FALSE(offer.done());
    EXPECT_FALSE(profile.done());
    EXPECT_EQ(rbr_count(ws()), 1u);
}

// Unattended runs (--exit-when-idle, as the packaging test and the screenshots use) never
// stop at the offer, even with an empty workspace and no file to open.
TEST_F(FirstStart, AnUnattendedRunIsNotStoppedByTheOffer) {
    const fs::path out = path("empty.png");
    Child c = spawn(RB_DESKTOP, {"--workspace", (ws()).string(), "--screenshot", out.string(),
                                 "--exit-when-idle"});
    EXPECT_EQ(wait_exit(c, 40000), 0);
    EXPECT_TRUE(fs::exists(out));
    EXPECT_EQ(rbr_count(ws()), 0u);
}

// The pictures of the user guide that no other suite takes.
class GuideScreenshots : public NewUser {};

TEST_F(GuideScreenshots, ANewQuarterFromThePreviousOneThenTheDraftHelp) {
    add_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    auto* frame = make_default_frame();
    WhenDialog<NewReportDialog> wizard([&](NewReportDialog& d) {
        d.carry_button()->SetValue(true);
        wxCommandEvent e(wxEVT_RADIOBUTTON, d.carry_button()->GetId());
        e.SetEventObject(d.carry_button());
        d.carry_button()->GetEventHandler()->ProcessEvent(e);
        choose(d.previous_choice(), 0);
        capture_window(&d, "wizard-carry-vi.png", 400, 300);
        click(d.FindWindow(wxID_OK));
    });
    frame->new_report();
    ASSERT_TRUE(wizard.done());
    ASSERT_EQ(frame->view_count(), 1u);
    ReportView* v = frame->current_view();
    EXPECT_EQ(v->session().report().period.code(), "2024-Q2");

    // The quarter's application figures, typed the Vietnamese way ("1.102" is one thousand one
    // hundred and two); the computed total follows.
    const std::pair<const char*, const char*> figures[] = {
        {"HS.1", "0"},     {"HS.2.1", "12"}, {"HS.2.2", "1.102"}, {"HS.2.3", "0"}, {"HS.4.1", "731"},
        {"HS.4.2", "368"}, {"HS.4.3", "0"},  {"HS.5.1", "15"},    {"HS.5.2", "0"}, {"HS.6", "0"}};
    for (const auto& [code, text] : figures) type_value(v, code, text);
    EXPECT_EQ(cell(v, "HS.2"), "1.114");

    // A section emptied, then "insert draft": text made from the figures appears.
    v->show_page(ReportView::Page::Narrative);
    v->select_section("II.2");
    pump();
    v->editor()->SetValue(wxString());
    pump();
    menu(frame, desktop::kIdDraft);
    pump();
    const std::string drafted = desktop::utf8(v->editor()->GetValue());
    EXPECT_NE(drafted.find("1.114"), std::string::npos) << "the draft does not use the figures: " << drafted;
    capture_window(frame, "draft-vi.png", 1000, 700);
}

TEST_F(GuideScreenshots, TheExportDialogWritesTheChosenFormat) {
    const fs::path seed = add_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    auto* frame = make_default_frame();
    ASSERT_NE(frame->open_file(seed.string()), nullptr);
    std::string written, error;
    WhenDialog<desktop::ExportDialog> dialog([&](desktop::ExportDialog& d) {
        choose(d.format_choice(), "DOCX");
        if (d.profile_choice()->GetCount() > 1) choose(d.profile_choice(), 1);
        capture_window(&d, "export-vi.png", 400, 200);
        auto r = d.run_export();
        if (r) written = *r;
        else error = r.error();
        click(d.FindWindow(wxID_CANCEL));
    });
    menu(frame, desktop::kIdExport);
    ASSERT_TRUE(dialog.done());
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_TRUE(fs::exists(written)) << written;
    EXPECT_EQ(fs::path(written).extension(), ".docx");
}

}  // namespace
}  // namespace rb::test
