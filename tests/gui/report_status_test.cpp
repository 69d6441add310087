// The document's life cycle and the justification of warnings, driven through the real window:
// the findings panel's button and dialog, the Report menu, the lock of a submitted report and
// its amendment in a new tab.
#include <wx/menu.h>

#include "dialogs.hpp"
#include "gui_test_support.hpp"
#include "screenshot.hpp"

namespace rb::test {
namespace {

using desktop::AppendixGrid;
using desktop::JustifyDialog;
using desktop::ReportView;

class ReportStatus : public GuiTest {
protected:
    static long first_of(ReportView* v, schema::Severity severity) {
        const auto& f = v->session().findings().findings;
        for (std::size_t i = 0; i < f.size(); ++i)
            if (f[i].severity == severity && f[i].justification.empty()) return static_cast<long>(i);
        return -1;
    }
    // The text the findings list shows for finding `i`, column `col`.
    static std::string list_text(ReportView* v, long i, int col) {
        return desktop::utf8(v->findings()->GetItemText(v->findings()->row_of(static_cast<std::size_t>(i)), col));
    }
    std::string status_bar(int field) { return desktop::utf8(frame_->GetStatusBar()->GetStatusText(field)); }
    void select(ReportView* v, long i) {
        v->findings()->select(static_cast<std::size_t>(i));
        pump();
    }
    bool menu_enabled(int id) { return frame_->GetMenuBar()->IsEnabled(id); }
};

TEST_F(ReportStatus, AWarningIsJustifiedThroughTheDialogCountedApartAndKeptAfterReopening) {
    auto* frame = make_frame();
    const fs::path file = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    ReportView* v = frame->open_file(file.string());
    ASSERT_NE(v, nullptr);
    const int warnings = v->session().findings().warnings;
    EXPECT_EQ(status_bar(1), "0 lỗi, " + std::to_string(warnings) + " cảnh báo");
    const long w = first_of(v, schema::Severity::Warning);
    ASSERT_GE(w, 0);
    const std::string key = v->session().findings().findings[static_cast<std::size_t>(w)].key;
    select(v, w);
    ASSERT_TRUE(v->justify_button()->IsEnabled());
    EXPECT_FALSE(v->unjustify_button()->IsEnabled());

    // An empty reason is refused inside the dialog; then the reason is typed and kept.
    std::string refusal;
    WhenDialog<JustifyDialog> dialog([&](JustifyDialog& d) {
        click(d.FindWindow(wxID_OK));
        refusal = label_text(d.error_text());
        d.text_control()->SetValue(desktop::wxs("Trong kỳ chưa phát sinh hồ sơ trực tuyến một phần."));
        EXPECT_TRUE(d.error_text()->GetLabel().empty()) << "typing clears the refusal";
        pump(100);
        auto shot = desktop::save_window_png(&d, (screenshot_dir() / "justify-vi.png").string());
        EXPECT_TRUE(shot) << shot.error();
        click(d.FindWindow(wxID_OK));
    });
    click(v->justify_button());
    ASSERT_TRUE(dialog.done()) << "the dialog never opened";
    EXPECT_FALSE(refusal.empty());
    pump();

    EXPECT_EQ(v->session().findings().warnings, warnings - 1);
    EXPECT_EQ(v->session().findings().accepted, 1);
    EXPECT_EQ(status_bar(1), "0 lỗi, " + std::to_string(warnings - 1) + " cảnh báo, 1 đã giải trình");
    long row = -1;
    for (std::size_t i = 0; i < v->findings()->count(); ++i)
        if (v->session().findings().findings[i].key == key) row = static_cast<long>(i);
    ASSERT_GE(row, 0);
    EXPECT_EQ(list_text(v, row, 0), "Đã giải trình");
    EXPECT_NE(list_text(v, row, 1).rfind("đã giải trình: “Trong kỳ chưa phát sinh", 0), std::string::npos)
        << list_text(v, row, 1);
    const long shown_row = v->findings()->row_of(static_cast<std::size_t>(row));
    ASSERT_GE(shown_row, 0) << "a justified warning is shown on its own line";
    EXPECT_EQ(v->findings()->GetItemTextColour(shown_row), wxColour(120, 120, 120)) << "accepted entries are grey";
    EXPECT_TRUE(v->unjustify_button()->IsEnabled());
    v->findings()->SetItemState(shown_row, 0, wxLIST_STATE_SELECTED);  // the picture shows the grey, not the selection
    pump(100);
    auto shot = desktop::save_window_png(frame, (screenshot_dir() / "justified-vi.png").string());
    EXPECT_TRUE(shot) << shot.error();

    // Undoable like any edit.
    menu(frame, wxID_UNDO);
    EXPECT_EQ(v->session().findings().accepted, 0);
    menu(frame, wxID_REDO);
    EXPECT_EQ(v->session().findings().accepted, 1);

    menu(frame, wxID_SAVE);
    ASSERT_FALSE(v->session().dirty());
    menu(frame, wxID_CLOSE);
    ASSERT_EQ(frame->view_count(), 0u);
    v = frame->open_file(file.string());
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->session().findings().accepted, 1);
    ASSERT_NE(v->session().justification(key), nullptr);
    EXPECT_EQ(v->session().justification(key)->text, "Trong kỳ chưa phát sinh hồ sơ trực tuyến một phần.");
    EXPECT_NE(status_bar(1).find("1 đã giải trình"), std::string::npos);

    // Removing it counts the warning again.
    for (std::size_t i = 0; i < v->findings()->count(); ++i)
        if (v->session().findings().findings[i].key == key) select(v, static_cast<long>(i));
    click(v->unjustify_button());
    EXPECT_EQ(v->session().findings().accepted, 0);
    EXPECT_EQ(status_bar(1), "0 lỗi, " + std::to_string(warnings) + " cảnh báo");
}

TEST_F(ReportStatus, AnErrorCannotBeJustifiedAndTheButtonSaysWhy) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    type_value(v, "I.2.2", "9");
    const long e = first_of(v, schema::Severity::Error);
    ASSERT_GE(e, 0);
    select(v, e);
    EXPECT_FALSE(v->justify_button()->IsEnabled());
    EXPECT_NE(desktop::utf8(v->justify_button()->GetToolTipText()).find("phải được sửa"), std::string::npos);
    // Ctrl+J on an error: nothing is stored, the reason is shown.
    menu(frame, desktop::kIdJustify);
    EXPECT_TRUE(v->session().report().justifications.empty());
    EXPECT_NE(v->last_error().find("phải được sửa"), std::string::npos) << v->last_error();
}

TEST_F(ReportStatus, MarkingCompleteIsRefusedWhileAnErrorRemainsThenAllowedAndUndoable) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(status_bar(3), "Bản nháp");
    EXPECT_TRUE(menu_enabled(desktop::kIdMarkComplete));
    EXPECT_FALSE(menu_enabled(desktop::kIdSubmit)) << "a draft is completed first";
    type_value(v, "I.2.2", "9");
    ASSERT_GT(v->session().findings().errors, 0);

    menu(frame, desktop::kIdMarkComplete);
    EXPECT_EQ(v->session().report().status, report::Status::Draft);
    EXPECT_NE(v->last_error().find("1 lỗi"), std::string::npos) << v->last_error();
    EXPECT_TRUE(v->info_bar()->IsShown());
    capture_window(frame, "complete-refused-vi.png", 1000, 700);  // the guide's step 9

    type_value(v, "I.2.2", "1");  // fixed
    ASSERT_EQ(v->session().findings().errors, 0);
    menu(frame, desktop::kIdMarkComplete);
    EXPECT_EQ(v->session().report().status, report::Status::Complete);
    EXPECT_TRUE(v->last_error().empty());
    EXPECT_EQ(status_bar(3), "Đã hoàn thành");
    EXPECT_NE(label_text(v->title_line()).find("đã hoàn thành"), std::string::npos);
    EXPECT_TRUE(menu_enabled(desktop::kIdSubmit));
    EXPECT_TRUE(menu_enabled(desktop::kIdBackToDraft));

    menu(frame, wxID_UNDO);
    EXPECT_EQ(v->session().report().status, report::Status::Draft);
    EXPECT_EQ(status_bar(3), "Bản nháp");
    menu(frame, wxID_REDO);
    menu(frame, desktop::kIdBackToDraft);
    EXPECT_EQ(v->session().report().status, report::Status::Draft);
}

TEST_F(ReportStatus, ASubmittedReportIsReadOnlyAndItsAmendmentOpensInANewTab) {
    auto* frame = make_frame();
    const fs::path file = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    ReportView* v = frame->open_file(file.string());
    ASSERT_NE(v, nullptr);
    EXPECT_FALSE(menu_enabled(desktop::kIdAmend));
    menu(frame, desktop::kIdMarkComplete);
    ASSERT_EQ(v->session().report().status, report::Status::Complete);
    ASSERT_TRUE(frame->submit(*v, false));
    pump();
    EXPECT_EQ(v->session().report().status, report::Status::Submitted);
    EXPECT_FALSE(v->session().dirty()) << "submitting saves the file";
    auto stored = report::load(file.string());
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, report::Status::Submitted);

    // Locked: grid, text and header refuse input, the reason is shown, nothing to undo.
    const int row = *v->grid()->row_of("I.2.1");
    EXPECT_TRUE(v->grid()->IsReadOnly(row, AppendixGrid::kValue));
    EXPECT_TRUE(v->grid()->IsReadOnly(row, AppendixGrid::kNote));
    EXPECT_FALSE(v->editor()->IsEditable());
    EXPECT_FALSE(v->header_control(session::HeaderField::Number)->IsEditable());
    EXPECT_TRUE(v->lock_banner()->IsShown());
    EXPECT_NE(label_text(v->lock_banner()).find("bản sửa đổi"), std::string::npos);
    EXPECT_EQ(status_bar(3), "Đã nộp (khóa)");
    EXPECT_EQ(status_bar(0), "Đã lưu ~/ws/phuong-dinh-2024-q1.rbr") << "the home folder shown as ~";
    capture_window(frame, "submitted-vi.png", 1000, 700);  // the guide's step 11
    EXPECT_FALSE(menu_enabled(wxID_UNDO));
    EXPECT_FALSE(menu_enabled(desktop::kIdMarkComplete));
    EXPECT_FALSE(v->edit_value("I.2.1", "5"));
    EXPECT_TRUE(menu_enabled(desktop::kIdAmend));

    const std::string original = slurp(file);
    const std::string amended = v->session().suggested_amendment_path();
    EXPECT_EQ(fs::path(amended).filename(), "phuong-dinh-2024-q1-sua-doi-1.rbr");
    ReportView* a = frame->create_amendment(*v, amended);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(frame->view_count(), 2u);
    EXPECT_EQ(frame->current_view(), a);
    EXPECT_EQ(a->session().report().amendment, 1);
    EXPECT_EQ(a->session().report().status, report::Status::Draft);
    EXPECT_NE(label_text(a->title_line()).find("bản sửa đổi lần 1"), std::string::npos);
    EXPECT_FALSE(a->grid()->IsReadOnly(row, AppendixGrid::kValue));
    EXPECT_FALSE(a->lock_banner()->IsShown());
    EXPECT_TRUE(fs::exists(amended));
    EXPECT_EQ(slurp(file), original) << "the original is untouched";
    EXPECT_EQ(v->session().report().status, report::Status::Submitted);
}

}  // namespace
}  // namespace rb::test
