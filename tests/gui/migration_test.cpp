// Report → Carry into another edition, through the real window: the dialog's preview of what
// carries over, the new report written beside the original and opened, the original untouched,
// and a name that already exists refused in place.
#include <wx/listctrl.h>
#include <wx/menu.h>

#include "dialogs.hpp"
#include "gui_test_support.hpp"

namespace rb::test {
namespace {

using desktop::MigrateDialog;
using desktop::ReportView;

class Migration : public GuiTest {
protected:
    static std::string column(wxListCtrl* l, long row, int col) { return desktop::utf8(l->GetItemText(row, col)); }
    static long row_from(wxListCtrl* l, const std::string& code) {
        for (long i = 0; i < l->GetItemCount(); ++i)
            if (column(l, i, 1) == code) return i;
        return -1;
    }
};

TEST_F(Migration, TheReportIsCarriedIntoTheNewEditionAndOpenedBesideTheUntouchedOriginal) {
    const fs::path original = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    const std::string before = slurp(original);
    auto* frame = make_frame();
    ReportView* v = frame->open_file(original.string());
    ASSERT_NE(v, nullptr);
    // Typed but not saved: the new report is made from what is on screen.
    type_value(v, "III.1.1", "2");
    pump(50);
    EXPECT_TRUE(frame->GetMenuBar()->IsEnabled(desktop::kIdMigrate)) << "CCHC has two editions installed";

    const fs::path expected = dir_ / "ws" / "phuong-dinh-2024-q1-ninh-binh-2025.rbr";
    std::string summary, suggested, dropped_note, dropped_old, first_row;
    int editions = 0;
    WhenDialog<MigrateDialog> dialog([&](MigrateDialog& d) {
        editions = static_cast<int>(d.edition_choice()->GetCount());
        summary = label_text(d.summary_text());
        suggested = desktop::utf8(d.path_control()->GetValue());
        first_row = column(d.items_list(), 0, 0);
        const long dropped = row_from(d.items_list(), "III.1.1");
        if (dropped >= 0) {
            dropped_old = column(d.items_list(), dropped, 3);
            // Selected, its note is shown whole under the list.
            d.items_list()->SetItemState(dropped, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
            wxListEvent e(wxEVT_LIST_ITEM_SELECTED, d.items_list()->GetId());
            e.SetEventObject(d.items_list());
            e.m_itemIndex = dropped;
            d.items_list()->GetEventHandler()->ProcessEvent(e);
            dropped_note = label_text(d.detail_text());
        }
        capture_window(&d, "migrate-vi.png", 500, 300);
        click(d.FindWindow(wxID_OK));
    });
    menu(frame, desktop::kIdMigrate);
    ASSERT_TRUE(dialog.done());
    EXPECT_EQ(editions, 1) << "only the other edition is offered";
    EXPECT_EQ(first_row, "Cần xem") << "what needs the user is listed first";
    EXPECT_NE(summary.find("70 giá trị và 14 mục chuyển nguyên"), std::string::npos) << summary;
    EXPECT_EQ(suggested, expected.filename().string()) << "named after the original and the edition";
    EXPECT_EQ(dropped_old, "2") << "the dropped district indicator is listed with the value on screen";
    EXPECT_NE(dropped_note.find("không còn yêu cầu chỉ tiêu này; giá trị được lưu giữ trong báo cáo"), std::string::npos)
        << "the whole note: " << dropped_note;

    ASSERT_EQ(frame->view_count(), 2u);
    const auto& migrated = frame->current_view()->session();
    EXPECT_EQ(migrated.report().edition, "ninh-binh-2025");
    EXPECT_EQ(migrated.path(), expected.string());
    EXPECT_TRUE(fs::exists(expected));
    EXPECT_EQ(slurp(original), before) << "the original file is never written";
    EXPECT_EQ(v->session().report().edition, "nam-dinh-2024");
    EXPECT_NE(desktop::utf8(frame->GetStatusBar()->GetStatusText(0)).find("~/ws/phuong-dinh-2024-q1-ninh-binh-2025.rbr"),
              std::string::npos)
        << desktop::utf8(frame->GetStatusBar()->GetStatusText(0));
    const auto reread = report::load(expected.string());
    ASSERT_TRUE(reread) << reread.error();
    EXPECT_EQ(reread->edition, "ninh-binh-2025");
    EXPECT_EQ(reread->unit.name, v->session().report().unit.name);
    EXPECT_NE(slurp(expected).find("III.1.1"), std::string::npos) << "the dropped value is kept in the file";
    EXPECT_EQ(reread->values.count("III.1.1"), 0u) << "kept aside, not as a value of the new edition";
}

TEST_F(Migration, ANameThatExistsIsRefusedInPlaceAndNothingIsWritten) {
    const fs::path original = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    const fs::path taken = dir_ / "ws" / "phuong-dinh-2024-q1-ninh-binh-2025.rbr";
    { std::ofstream(taken) << "an earlier file of the user's"; }
    auto* frame = make_frame();
    ASSERT_NE(frame->open_file(original.string()), nullptr);
    std::string error, after_edit;
    bool still_open = false;
    WhenDialog<MigrateDialog> dialog([&](MigrateDialog& d) {
        click(d.FindWindow(wxID_OK));
        error = label_text(d.error_text());
        still_open = d.IsModal();
        d.path_control()->SetValue(desktop::wxs((dir_ / "ws" / "other").string()));
        after_edit = label_text(d.error_text());
        click(d.FindWindow(wxID_CANCEL));
    });
    menu(frame, desktop::kIdMigrate);
    ASSERT_TRUE(dialog.done());
    EXPECT_NE(error.find("đã có"), std::string::npos) << error;
    EXPECT_TRUE(still_open) << "a refused name keeps the dialog open";
    EXPECT_TRUE(after_edit.empty()) << "the message goes once the name is changed";
    EXPECT_EQ(slurp(taken), "an earlier file of the user's");
    EXPECT_FALSE(fs::exists(dir_ / "ws" / "other.rbr")) << "cancelled: nothing written";
    EXPECT_EQ(frame->view_count(), 1u);
}

TEST_F(Migration, AKindWithOneEditionHasNothingToCarryInto) {
    auto* frame = make_frame();
    ASSERT_NE(frame->open_file(copy_to_workspace("iso9001", "hai-hau-2025.rbr").string()), nullptr);
    pump(50);
    EXPECT_FALSE(frame->GetMenuBar()->IsEnabled(desktop::kIdMigrate));
}

}  // namespace
}  // namespace rb::test
