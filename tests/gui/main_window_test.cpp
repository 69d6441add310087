// The main window driven as a commune staff member uses it: a CCHC report made with the wizard,
// figures typed into the appendix grid, computed rows and findings following each keystroke, a
// finding followed to its cell, undo, save, close, reopen; three kinds of report open at once.
#include <wx/treectrl.h>

#include <algorithm>

#include "dialogs.hpp"
#include "gui_test_support.hpp"

namespace rb::test {
namespace {

using desktop::AppendixGrid;
using desktop::NewReportDialog;
using desktop::ReportView;

class MainWindow : public GuiTest {
protected:
    static long finding_index(ReportView* v, const std::string& rule) {
        const auto& f = v->session().findings().findings;
        for (std::size_t i = 0; i < f.size(); ++i)
            if (f[i].rule == rule) return static_cast<long>(i);
        return -1;
    }
    // The text the findings list shows for finding `i`, column `col`.
    static std::string list_text(ReportView* v, long i, int col) {
        return desktop::utf8(v->findings()->GetItemText(v->findings()->row_of(static_cast<std::size_t>(i)), col));
    }
    // A report item of the workspace tree whose label starts with `prefix`.
    static wxTreeItemId find_item(wxTreeCtrl* tree, wxTreeItemId from, const std::string& prefix) {
        wxTreeItemIdValue cookie;
        for (auto c = tree->GetFirstChild(from, cookie); c.IsOk(); c = tree->GetNextChild(from, cookie)) {
            if (!tree->ItemHasChildren(c) && desktop::utf8(tree->GetItemText(c)).rfind(prefix, 0) == 0) return c;
            if (auto found = find_item(tree, c, prefix); found.IsOk()) return found;
        }
        return {};
    }
};

TEST_F(MainWindow, ACchcReportIsMadeTypedCheckedUndoneSavedAndReopened) {
    auto* frame = make_frame();
    const std::string file = (dir_ / "ws" / "cchc-q2.rbr").string();

    // 1. The wizard, through its controls.
    WhenDialog<NewReportDialog> wizard([&](NewReportDialog& d) {
        choose(d.kind_choice(), "cải cách hành chính");
        d.year_control()->SetValue(2024);
        choose(d.period_choice(), "Quý II");
        d.unit_control()->SetValue(desktop::wxs("Phương Định"));
        d.path_control()->SetValue(desktop::wxs(file));
        click(d.FindWindow(wxID_OK));
    });
    menu(frame, wxID_NEW);
    ASSERT_TRUE(wizard.done()) << "the wizard never opened";
    ASSERT_EQ(frame->view_count(), 1u);
    ReportView* v = frame->current_view();
    ASSERT_NE(v, nullptr);
    EXPECT_TRUE(fs::exists(file));
    EXPECT_EQ(v->session().report().type_id, "cchc");
    EXPECT_EQ(v->session().report().period.code(), "2024-Q2");
    EXPECT_EQ(v->session().report().unit.name, "Phương Định");

    // 2. Vietnamese thousands; the ratio row follows at once.
    type_value(v, "I.2.1", "1.034");
    EXPECT_EQ(cell(v, "I.2.1"), "1.034");
    EXPECT_EQ(v->session().report().values.at("I.2.1").value, "1034");
    EXPECT_EQ(cell(v, "I.2"), "");
    type_value(v, "I.2.2", "517");
    EXPECT_EQ(cell(v, "I.2"), "50%");
    EXPECT_TRUE(v->session().dirty());

    // 3. A decimal in a count is refused with a message naming the indicator; nothing changes.
    type_value(v, "I.1", "1,5");
    EXPECT_NE(v->last_error().find("I.1"), std::string::npos) << v->last_error();
    EXPECT_EQ(v->session().report().values.count("I.1"), 0u);
    EXPECT_EQ(cell(v, "I.1"), "");

    // 4. A part larger than its total: the finding appears in the list and on the cell.
    ASSERT_EQ(finding_index(v, "plan-done-within-plan"), -1);
    type_value(v, "I.2.2", "2.000");
    EXPECT_EQ(cell(v, "I.2"), "193,42%");
    const long f = finding_index(v, "plan-done-within-plan");
    ASSERT_GE(f, 0);
    EXPECT_EQ(list_text(v, f, 0), "Lỗi");
    EXPECT_FALSE(list_text(v, f, 1).empty());
    const auto& finding = v->session().findings().findings[static_cast<std::size_t>(f)];
    ASSERT_FALSE(finding.codes.empty());
    const int target_row = *v->grid()->row_of(finding.codes.front());
    wxGridCellAttr* attr = v->grid()->GetTable()->GetAttr(*v->grid()->row_of("I.2.2"), AppendixGrid::kValue,
                                                          wxGridCellAttr::Any);
    ASSERT_NE(attr, nullptr);
    EXPECT_EQ(attr->GetBackgroundColour(), wxColour(250, 214, 214)) << "the cell with the error is marked";
    attr->DecRef();

    // 5. From the findings panel to the cell: the grid cursor moves to the row concerned.
    v->show_page(ReportView::Page::Narrative);
    v->grid()->SetGridCursor(0, 0);
    pump();
    wxListEvent activate(wxEVT_LIST_ITEM_ACTIVATED, v->findings()->GetId());
    activate.SetEventObject(v->findings());
    activate.m_itemIndex = v->findings()->row_of(static_cast<std::size_t>(f));
    v->findings()->GetEventHandler()->ProcessEvent(activate);
    pump();
    EXPECT_EQ(v->page(), ReportView::Page::Appendix);
    EXPECT_EQ(v->grid()->GetGridCursorRow(), target_row);
    EXPECT_EQ(v->grid()->GetGridCursorCol(), AppendixGrid::kValue);

    // 6. Undo (Edit → Undo): the finding goes, the value is back.
    menu(frame, wxID_UNDO);
    pump();
    EXPECT_EQ(finding_index(v, "plan-done-within-plan"), -1);
    EXPECT_EQ(cell(v, "I.2.2"), "517");
    EXPECT_EQ(cell(v, "I.2"), "50%");
    // Redo and undo again, through the menu.
    menu(frame, wxID_REDO);
    EXPECT_GE(finding_index(v, "plan-done-within-plan"), 0);
    menu(frame, wxID_UNDO);
    EXPECT_EQ(cell(v, "I.2.2"), "517");

    // 7. Save, close.
    menu(frame, wxID_SAVE);
    EXPECT_FALSE(v->session().dirty());
    menu(frame, wxID_CLOSE);
    pump();
    EXPECT_EQ(frame->view_count(), 0u);

    // 8. Reopen from the workspace tree, and compare with what was typed.
    auto* tree = frame->workspace_tree();
    const auto item = find_item(tree, tree->GetRootItem(), "Phương Định");
    ASSERT_TRUE(item.IsOk()) << "the new report is listed in the workspace";
    wxTreeEvent open(wxEVT_TREE_ITEM_ACTIVATED, tree, item);
    tree->GetEventHandler()->ProcessEvent(open);
    pump();
    ASSERT_EQ(frame->view_count(), 1u);
    v = frame->current_view();
    EXPECT_EQ(v->session().path(), file);
    EXPECT_EQ(v->session().report().values.at("I.2.1").value, "1034");
    EXPECT_EQ(v->session().report().values.at("I.2.2").value, "517");
    EXPECT_EQ(v->session().report().values.count("I.1"), 0u);
    EXPECT_EQ(cell(v, "I.2"), "50%");
    EXPECT_FALSE(v->session().dirty());

    // 9. An ISO 9001 report and a digital-transformation report beside it: three tabs.
    ASSERT_NE(frame->open_file(sample("iso9001", "hai-hau-2025.rbr").string()), nullptr);
    ASSERT_NE(frame->open_file(sample("digital", "ninh-giang-2025-q3.rbr").string()), nullptr);
    ASSERT_EQ(frame->view_count(), 3u);
    EXPECT_EQ(frame->view(0)->session().report().type_id, "cchc");
    EXPECT_EQ(frame->view(1)->session().report().type_id, "iso9001");
    EXPECT_EQ(frame->view(2)->session().report().type_id, "digital");
    EXPECT_EQ(frame->current_view(), frame->view(2));
    // Opening one again shows its tab instead of a second copy.
    frame->open_file(file);
    EXPECT_EQ(frame->view_count(), 3u);
    EXPECT_EQ(frame->current_view(), frame->view(0));
}

TEST_F(MainWindow, TabsNameUnitPeriodAndKindAndTheListPutsTheKindFirst) {
    auto* frame = make_frame();
    // Two communes' files saved under the same name, in different folders.
    fs::create_directories(dir_ / "ws" / "a");
    fs::create_directories(dir_ / "ws" / "b");
    fs::copy_file(sample("cchc", "phuong-dinh-2024-q1.rbr"), dir_ / "ws" / "a" / "bao-cao.rbr");
    fs::copy_file(sample("iso9001", "hai-hau-2025.rbr"), dir_ / "ws" / "b" / "bao-cao.rbr");
    ASSERT_NE(frame->open_file((dir_ / "ws" / "a" / "bao-cao.rbr").string()), nullptr);
    ASSERT_NE(frame->open_file((dir_ / "ws" / "b" / "bao-cao.rbr").string()), nullptr);
    auto* tabs = frame->notebook();
    EXPECT_EQ(desktop::utf8(tabs->GetPageText(0)), "Phương Định · Quý I năm 2024 · CCHC");
    EXPECT_EQ(desktop::utf8(tabs->GetPageText(1)).rfind("Hải Hậu · ", 0), 0u) << desktop::utf8(tabs->GetPageText(1));
    EXPECT_NE(desktop::utf8(tabs->GetPageText(1)).find("ISO 9001"), std::string::npos);
    EXPECT_NE(frame->tab_tooltip(0).find("a/bao-cao.rbr"), std::string::npos) << frame->tab_tooltip(0);
    EXPECT_NE(frame->tab_tooltip(1).find("b/bao-cao.rbr"), std::string::npos) << frame->tab_tooltip(1);
    // A change marks the tab; undoing it back to the file clears the mark.
    tabs->SetSelection(0);
    pump();
    type_value(frame->view(0), "I.1", "13");
    EXPECT_EQ(desktop::utf8(tabs->GetPageText(0)), "Phương Định · Quý I năm 2024 · CCHC *");
    menu(frame, wxID_UNDO);
    EXPECT_EQ(frame->view(0)->session().report().values.at("I.1").value, "12");
    EXPECT_FALSE(frame->view(0)->session().dirty());
    EXPECT_EQ(desktop::utf8(tabs->GetPageText(0)), "Phương Định · Quý I năm 2024 · CCHC");
    // The workspace list: the kind's short name first, so a narrow list still tells them apart.
    frame->refresh_workspace();
    auto* tree = frame->workspace_tree();
    std::vector<std::string> kinds;
    wxTreeItemIdValue cookie;
    for (auto c = tree->GetFirstChild(tree->GetRootItem(), cookie); c.IsOk();
         c = tree->GetNextChild(tree->GetRootItem(), cookie))
        kinds.push_back(desktop::utf8(tree->GetItemText(c)));
    ASSERT_EQ(kinds.size(), 2u);
    EXPECT_EQ(kinds[0].rfind("CCHC — Báo cáo", 0), 0u) << kinds[0];
    EXPECT_EQ(kinds[1].rfind("ISO 9001 — ", 0), 0u) << kinds[1];
}

TEST_F(MainWindow, AFigureInTheTextThatContradictsTheAppendixLeadsToThatFigure) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    const long i = finding_index(v, "narrative.number");
    ASSERT_GE(i, 0) << "the sample's text has a figure that contradicts its appendix";
    const auto f = v->session().findings().findings[static_cast<std::size_t>(i)];
    ASSERT_FALSE(f.codes.empty()) << "the finding names the indicator too";
    v->go_to_finding(static_cast<std::size_t>(i));
    pump();
    EXPECT_EQ(v->page(), ReportView::Page::Narrative);
    EXPECT_EQ(v->current_section(), f.section);
    long from = 0, to = 0;
    v->editor()->GetSelection(&from, &to);
    const std::string selected = desktop::utf8(v->editor()->GetStringSelection());
    EXPECT_NE(f.message.find(selected), std::string::npos) << "selected “" << selected << "” for: " << f.message;
    EXPECT_GT(to, from);
}

TEST_F(MainWindow, ChoiceAndYesNoIndicatorsEditThroughADropDown) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    v->show_page(ReportView::Page::Appendix);
    pump();
    const int row = *v->grid()->row_of("I.5.2");
    wxGridCellEditor* editor = v->grid()->GetCellEditor(row, AppendixGrid::kValue);
    EXPECT_NE(dynamic_cast<wxGridCellChoiceEditor*>(editor), nullptr);
    editor->DecRef();
    type_value(v, "I.5.2", "Kết hợp");
    EXPECT_EQ(v->session().report().values.at("I.5.2").value, "2");
    EXPECT_EQ(cell(v, "I.5.2"), "Kết hợp");
    type_value(v, "I.5", "Không");
    EXPECT_EQ(v->session().report().values.at("I.5").value, "0");
}

TEST_F(MainWindow, ComputedRowsAndHeadingsAreReadOnly) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    auto* grid = v->grid();
    EXPECT_TRUE(grid->IsReadOnly(*grid->row_of("I.2"), AppendixGrid::kValue));
    EXPECT_FALSE(grid->IsReadOnly(*grid->row_of("I.2.1"), AppendixGrid::kValue));
    EXPECT_TRUE(grid->IsReadOnly(*grid->row_of("I.2.1"), AppendixGrid::kLabel));
    wxGridCellAttr* attr = grid->GetTable()->GetAttr(*grid->row_of("I.2"), AppendixGrid::kValue, wxGridCellAttr::Any);
    EXPECT_EQ(attr->GetBackgroundColour(), wxColour(232, 239, 248));
    attr->DecRef();
    EXPECT_EQ(cell(v, "I.2"), "16,67%");
    EXPECT_EQ(cell(v, "HS.2.2"), "1.034");
}

TEST_F(MainWindow, NarrativeFindingsSelectTheirTextAndTypingCoalescesForUndo) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    // The seed's narrative contradicts its appendix somewhere: find a finding with a text range.
    const auto& list = v->session().findings().findings;
    auto it = std::find_if(list.begin(), list.end(),
                           [](const validate::Finding& f) { return !f.section.empty() && f.length > 0 && f.codes.empty(); });
    ASSERT_NE(it, list.end()) << "the seed has a narrative finding";
    const validate::Finding f = *it;
    v->go_to_finding(static_cast<std::size_t>(it - list.begin()));
    pump();
    EXPECT_EQ(v->page(), ReportView::Page::Narrative);
    EXPECT_EQ(v->current_section(), f.section);
    long from = 0, to = 0;
    v->editor()->GetSelection(&from, &to);
    const std::string text = v->session().report().narrative.at(f.section);
    const std::string selected = desktop::utf8(v->editor()->GetRange(from, to));
    EXPECT_EQ(selected, text.substr(f.offset, f.length));

    // Typing, keystroke by keystroke, is one undo step; F8 walks the findings.
    v->editor()->SetInsertionPointEnd();
    for (const char* piece : {" T", "h", "ê", "m"}) v->editor()->WriteText(desktop::wxs(piece));
    pump();
    EXPECT_EQ(v->session().report().narrative.at(f.section), text + " Thêm");
    menu(frame, wxID_UNDO);
    EXPECT_EQ(v->session().report().narrative.at(f.section), text);
    EXPECT_EQ(desktop::utf8(v->editor()->GetValue()), text);
}

TEST_F(MainWindow, HeaderFieldsCommitThroughTheSessionAndRefuseBadDates) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    v->show_page(ReportView::Page::Header);
    pump();
    auto* date = v->header_control(session::HeaderField::Date);
    EXPECT_EQ(desktop::utf8(date->GetValue()), "08/3/2024");
    date->SetValue("31/02/2024");
    wxCommandEvent enter(wxEVT_TEXT_ENTER, date->GetId());
    enter.SetEventObject(date);
    date->GetEventHandler()->ProcessEvent(enter);
    EXPECT_FALSE(v->last_error().empty());
    EXPECT_EQ(v->session().report().header.date->day, 8);
    date->SetValue("10/3/2024");
    date->GetEventHandler()->ProcessEvent(enter);
    EXPECT_TRUE(v->last_error().empty());
    EXPECT_EQ(v->session().report().header.date->day, 10);
    menu(frame, wxID_UNDO);
    EXPECT_EQ(desktop::utf8(date->GetValue()), "08/3/2024");
}

TEST_F(MainWindow, NextFindingWalksTheListWithF8) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(sample("iso9001", "hai-hau-2025-mistakes.rbr").string());
    ASSERT_NE(v, nullptr);
    ASSERT_GE(v->findings()->count(), 2u);
    // The accelerator table maps F8 to this command.
    menu(frame, desktop::kIdNextFinding);
    EXPECT_EQ(v->findings()->selected(), 0);
    menu(frame, desktop::kIdNextFinding);
    EXPECT_EQ(v->findings()->selected(), 1);
    menu(frame, desktop::kIdPrevFinding);  // Shift+F8: back
    EXPECT_EQ(v->findings()->selected(), 0);
}

TEST_F(MainWindow, TheStatusBarShowsFindingsAndCompleteness) {
    auto* frame = make_frame();
    ReportView* v = frame->open_file(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    const auto& res = v->session().findings();
    EXPECT_EQ(desktop::utf8(frame->GetStatusBar()->GetStatusText(1)),
              std::to_string(res.errors) + " lỗi, " + std::to_string(res.warnings) + " cảnh báo");
    EXPECT_NE(desktop::utf8(frame->GetStatusBar()->GetStatusText(2)).find("Đã điền"), std::string::npos);
}

}  // namespace
}  // namespace rb::test
