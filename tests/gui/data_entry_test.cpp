// Entering the appendix as a clerk does, with the real keyboard (key presses sent to the X server
// through XTest, as a person's would arrive): a whole quarter typed with Enter only, every figure
// checked in its row; typing on a computed row; a refused value; yes/no cells that take one key.
#include <wx/uiaction.h>

#include "gui_test_support.hpp"
#include "locale/vi.hpp"
#include "report/report.hpp"
#include "session/new_report.hpp"

namespace rb::test {
namespace {

using desktop::AppendixGrid;
using desktop::ReportView;

class DataEntry : public GuiTest {
protected:
    // A blank CCHC report for Quý II 2024 in the workspace, open in the window.
    ReportView* open_blank() {
        auto* frame = make_frame();
        session::NewReportRequest req;
        req.type_id = "cchc";
        req.period = *report::Period::parse("2024-Q2");
        req.unit.name = "Phương Định";
        auto r = session::make_new_report(*bundled_registry(), req);
        EXPECT_TRUE(r) << r.error();
        if (!r) return nullptr;
        auto s = session::EditSession::create(*bundled_registry(), std::move(*r), (dir_ / "ws" / "q2.rbr").string(), true);
        EXPECT_TRUE(s) << s.error();
        if (!s) return nullptr;
        ReportView* v = frame->add_session(std::move(*s));
        v->show_page(ReportView::Page::Appendix);
        // The keyboard goes where the X server's focus is: the window is raised and the grid
        // focused, as a click would.
        frame->Raise();
        pump(100);
        v->grid()->SetFocus();
        pump(50);
        return v;
    }

    // Key presses as the X server receives them from a keyboard.
    void keys(const std::string& text) {
        wxUIActionSimulator sim;
        for (char c : text) {
            sim.Text(std::string(1, c).c_str());  // capitals with Shift, as typed
            pump();
        }
    }
    void key(int code, int modifiers = wxMOD_NONE) {
        wxUIActionSimulator sim;
        sim.Char(code, modifiers);
        pump(20);
    }

    static std::pair<int, int> cursor(ReportView* v) {
        return {v->grid()->GetGridCursorRow(), v->grid()->GetGridCursorCol()};
    }
    static std::string stored(ReportView* v, const std::string& code) {
        auto it = v->session().report().values.find(code);
        return it == v->session().report().values.end() ? std::string("<blank>") : it->second.value;
    }
};

TEST_F(DataEntry, AQuartersAppendixTypedWithEnterOnlyLandsEveryFigureInItsRow) {
    ReportView* v = open_blank();
    ASSERT_NE(v, nullptr);
    AppendixGrid* g = v->grid();
    const auto& type = v->session().type();

    // The rows that take a figure, top to bottom; the walk must visit exactly these.
    std::vector<int> input_rows;
    for (int r = 0; r < g->GetNumberRows(); ++r)
        if (g->takes_input(r, AppendixGrid::kValue)) input_rows.push_back(r);
    ASSERT_GT(input_rows.size(), 20u);
    std::size_t computed_rows = 0;
    for (const auto& ind : type.indicators) computed_rows += ind.is_computed() ? 1 : 0;
    ASSERT_GT(computed_rows, 3u) << "the walk must cross computed rows to mean anything";

    g->SetGridCursor(input_rows.front(), AppendixGrid::kValue);
    pump();
    std::map<std::string, std::string> expected;  // code → stored value
    std::vector<int> visited;
    int n = 0;
    for (int row : input_rows) {
        ASSERT_EQ(cursor(v), std::make_pair(row, static_cast<int>(AppendixGrid::kValue)))
            << "Enter left the cursor off the next input row after " << visited.size() << " figures";
        visited.push_back(row);
        const std::string code = g->code_at(row);
        const auto* ind = type.indicator(code);
        ASSERT_NE(ind, nullptr) << code;
        std::string typed, want;
        switch (ind->type) {
            case schema::ValueType::YesNo: typed = n % 2 ? "c" : "k"; want = n % 2 ? "1" : "0"; break;
            case schema::ValueType::Choice:
                typed = std::to_string(ind->choices.front().value);
                want = typed;
                break;
            case schema::ValueType::Percent: typed = std::to_string(10 + n % 80); want = typed; break;
            case schema::ValueType::Text: typed = "ghi " + std::to_string(n); want = typed; break;
            case schema::ValueType::Date: typed = "15/05/2024"; want = "2024-05-15"; break;
            default: typed = std::to_string(100 + 7 * n); want = typed; break;
        }
        if (ind->max && ind->type != schema::ValueType::Percent && std::stod(want) > *ind->max) {
            typed = want = "1";
        }
        keys(typed);
        key(WXK_RETURN);
        expected[code] = want;
        ++n;
    }
    EXPECT_EQ(visited, input_rows);
    for (const auto& [code, want] : expected) EXPECT_EQ(stored(v, code), want) << code;
    // Nothing typed went to a computed or heading row.
    for (const auto& ind : type.indicators) {
        if (ind.is_computed() || ind.heading) {
            EXPECT_EQ(stored(v, ind.code), "<blank>") << ind.code;
        }
    }
    EXPECT_TRUE(v->last_error().empty()) << v->last_error();
}

TEST_F(DataEntry, TypingOnAComputedRowSaysWhyOnTheSpotAndMovesNothing) {
    ReportView* v = open_blank();
    ASSERT_NE(v, nullptr);
    AppendixGrid* g = v->grid();
    int computed = -1;
    for (int r = 0; r < g->GetNumberRows() && computed < 0; ++r) {
        const auto* ind = v->session().type().indicator(g->code_at(r));
        if (ind && ind->is_computed()) computed = r;
    }
    ASSERT_GE(computed, 0);
    const std::string code = g->code_at(computed);
    g->SetGridCursor(computed, AppendixGrid::kValue);  // where a click puts it
    pump();
    keys("731");
    EXPECT_FALSE(g->IsCellEditControlEnabled());
    EXPECT_NE(g->cell_message().find("tính tự động"), std::string::npos) << g->cell_message();
    EXPECT_EQ(g->cell_message_cell(), std::make_pair(computed, static_cast<int>(AppendixGrid::kValue)));
    EXPECT_EQ(cursor(v).first, computed);
    EXPECT_EQ(stored(v, code), "<blank>");
    capture_window(wxGetTopLevelParent(g), "grid-computed-vi.png", 800, 500);
    // Enter goes on to the next row that takes a figure, and the note goes away.
    key(WXK_RETURN);
    const auto next = g->next_input(computed, AppendixGrid::kValue, AppendixGrid::Move::Down);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(cursor(v), *next);
    EXPECT_TRUE(g->cell_message().empty());

    // A heading row says so too.
    int heading = -1;
    for (int r = 0; r < g->GetNumberRows() && heading < 0; ++r)
        if (g->code_at(r).empty()) heading = r;
    ASSERT_GE(heading, 0);
    g->SetGridCursor(heading, AppendixGrid::kValue);
    pump();
    keys("5");
    EXPECT_NE(g->cell_message().find("tiêu đề"), std::string::npos) << g->cell_message();
}

TEST_F(DataEntry, ARefusedValueKeepsTheCursorTheTextAndTheGridWhereTheyWere) {
    ReportView* v = open_blank();
    ASSERT_NE(v, nullptr);
    AppendixGrid* g = v->grid();
    const int row = *g->row_of("I.1");
    g->SetGridCursor(row, AppendixGrid::kValue);
    pump();
    const wxPoint grid_at = g->GetScreenPosition();
    keys("1,5");
    key(WXK_RETURN);
    EXPECT_EQ(cursor(v), std::make_pair(row, static_cast<int>(AppendixGrid::kValue)));
    ASSERT_TRUE(g->IsCellEditControlShown()) << "the editor closed on a refused value";
    {
        wxGridCellEditor* ed = g->GetCellEditor(row, AppendixGrid::kValue);
        EXPECT_EQ(desktop::utf8(ed->GetValue()), "1,5");
        ed->DecRef();
    }
    EXPECT_NE(g->cell_message().find("I.1"), std::string::npos) << g->cell_message();
    EXPECT_EQ(stored(v, "I.1"), "<blank>");
    EXPECT_FALSE(v->info_bar()->IsShown()) << "the message bar pushed the grid down";
    EXPECT_EQ(g->GetScreenPosition(), grid_at);
    capture_window(wxGetTopLevelParent(g), "grid-refused-vi.png", 800, 500);

    // Corrected in place: the text is still there, so a backspace or two and Enter.
    key(WXK_BACK);
    key(WXK_BACK);
    keys("5");
    key(WXK_RETURN);
    EXPECT_EQ(stored(v, "I.1"), "15");
    EXPECT_EQ(cursor(v), *g->next_input(row, AppendixGrid::kValue, AppendixGrid::Move::Down));
    EXPECT_TRUE(g->cell_message().empty());
    // One step to undo: the refusal left nothing in the history.
    menu(dynamic_cast<wxFrame*>(wxGetTopLevelParent(g)), wxID_UNDO);
    EXPECT_EQ(stored(v, "I.1"), "<blank>");
}

TEST_F(DataEntry, TabWalksValueAndNoteAcrossAndYesNoCellsTakeOneKey) {
    ReportView* v = open_blank();
    ASSERT_NE(v, nullptr);
    AppendixGrid* g = v->grid();
    const int row = *g->row_of("I.5");
    ASSERT_EQ(v->session().type().indicator("I.5")->type, schema::ValueType::YesNo);
    g->SetGridCursor(row, AppendixGrid::kValue);
    pump();
    keys("c");
    EXPECT_EQ(stored(v, "I.5"), "1");
    EXPECT_EQ(desktop::utf8(g->GetCellValue(row, AppendixGrid::kValue)), "Có");
    keys("K");
    EXPECT_EQ(stored(v, "I.5"), "0");
    keys("z");
    EXPECT_NE(g->cell_message().find("Có"), std::string::npos) << g->cell_message();
    EXPECT_EQ(stored(v, "I.5"), "0");
    // Tab: the note of the same row, then the next row's value; Shift+Tab back.
    key(WXK_TAB);
    EXPECT_EQ(cursor(v), std::make_pair(row, static_cast<int>(AppendixGrid::kNote)));
    key(WXK_TAB);
    EXPECT_EQ(cursor(v), *g->next_input(row, AppendixGrid::kNote, AppendixGrid::Move::Next));
    EXPECT_EQ(cursor(v).second, static_cast<int>(AppendixGrid::kValue));
    key(WXK_TAB, wxMOD_SHIFT);
    EXPECT_EQ(cursor(v), std::make_pair(row, static_cast<int>(AppendixGrid::kNote)));
    // A note typed and committed with Tab lands in its row.
    keys("theo QD 12");
    key(WXK_TAB);
    EXPECT_EQ(v->session().report().values.at("I.5").note, "theo QD 12");
}

TEST_F(DataEntry, ValuesNotEnteredYetGatherInOneLineThatOpens) {
    ReportView* v = open_blank();
    ASSERT_NE(v, nullptr);
    auto* list = v->findings();
    const auto& findings = v->session().findings().findings;
    std::size_t not_entered = 0;
    for (const auto& f : findings) not_entered += f.rule == "required" ? 1 : 0;
    ASSERT_GT(not_entered, 20u) << "a blank report has many values not entered";
    const long line = list->gathered_row();
    ASSERT_GE(line, 0);
    EXPECT_EQ(list->GetItemCount(), static_cast<int>(findings.size() - not_entered + 1));
    const std::string text = desktop::utf8(list->GetItemText(line, 1));
    EXPECT_NE(text.find(std::to_string(not_entered) + " chỉ tiêu chưa nhập"), std::string::npos) << text;
    // Everything above the line is something other than a value not entered.
    for (long r = 0; r < line; ++r) {
        const long f = list->finding_at(r);
        ASSERT_GE(f, 0);
        EXPECT_NE(findings[static_cast<std::size_t>(f)].rule, "required");
    }
    // Enter on the line opens it; again closes it.
    auto activate = [&](long row) {
        wxListEvent e(wxEVT_LIST_ITEM_ACTIVATED, list->GetId());
        e.SetEventObject(list);
        e.m_itemIndex = row;
        list->GetEventHandler()->ProcessEvent(e);
        pump();
    };
    activate(line);
    EXPECT_TRUE(list->gathered_open());
    EXPECT_EQ(list->GetItemCount(), static_cast<int>(findings.size() + 1));
    const long first = list->finding_at(line + 1);
    ASSERT_GE(first, 0);
    EXPECT_EQ(findings[static_cast<std::size_t>(first)].rule, "required");
    // A value not entered, activated, leads to its cell.
    activate(line + 1);
    EXPECT_EQ(v->page(), ReportView::Page::Appendix);
    EXPECT_EQ(v->grid()->GetGridCursorRow(), *v->grid()->row_of(findings[static_cast<std::size_t>(first)].codes.front()));
    activate(list->gathered_row());
    EXPECT_FALSE(list->gathered_open());
    // Selecting a gathered finding (F8, a click elsewhere that names it) opens the line.
    list->select(static_cast<std::size_t>(first));
    EXPECT_TRUE(list->gathered_open());
    EXPECT_EQ(list->selected(), first);
    capture_window(wxGetTopLevelParent(list), "findings-gathered-vi.png", 800, 500);
}

TEST_F(DataEntry, FindingsSortByAColumnFilterBySeverityAndF8WalksWhatIsListed) {
    ReportView* v = open_blank();
    ASSERT_NE(v, nullptr);
    type_value(v, "I.2.1", "6");
    type_value(v, "I.2.2", "9");  // more done than planned: an error
    auto* list = v->findings();
    const auto& findings = v->session().findings().findings;
    auto shown = [&](int col) {
        std::vector<std::string> out;
        for (long r = 0; r < list->GetItemCount(); ++r)
            if (r != list->gathered_row()) out.push_back(desktop::utf8(list->GetItemText(r, col)));
        return out;
    };
    // A click on the "Nội dung" heading sorts by message; another reverses.
    wxListEvent click_col(wxEVT_LIST_COL_CLICK, list->GetId());
    click_col.SetEventObject(list);
    click_col.m_col = 1;
    list->GetEventHandler()->ProcessEvent(click_col);
    pump();
    auto messages = shown(1);
    ASSERT_GT(messages.size(), 2u);
    for (std::size_t i = 1; i < messages.size(); ++i)
        EXPECT_LE(locale::fold_case(messages[i - 1]), locale::fold_case(messages[i])) << i;
    list->GetEventHandler()->ProcessEvent(click_col);
    pump();
    messages = shown(1);
    for (std::size_t i = 1; i < messages.size(); ++i)
        EXPECT_GE(locale::fold_case(messages[i - 1]), locale::fold_case(messages[i])) << i;
    // Errors only: one line, and F8 stays on it.
    choose(v->severity_filter(), "Chỉ lỗi");
    pump();
    ASSERT_EQ(list->GetItemCount(), 1);
    const long error = list->finding_at(0);
    ASSERT_GE(error, 0);
    EXPECT_EQ(findings[static_cast<std::size_t>(error)].severity, schema::Severity::Error);
    v->next_finding(+1);
    EXPECT_EQ(list->selected(), error);
    v->next_finding(+1);
    EXPECT_EQ(list->selected(), error);
    // All again: F8 walks the listed rows only, never into the closed line of values not entered.
    choose(v->severity_filter(), "Mọi mức độ");
    list->sort_by(-1, true);
    pump();
    for (std::size_t step = 0; step < findings.size(); ++step) {
        v->next_finding(+1);
        const long f = list->selected();
        ASSERT_GE(f, 0);
        EXPECT_NE(findings[static_cast<std::size_t>(f)].rule, "required") << "F8 opened the gathered line";
    }
    EXPECT_FALSE(list->gathered_open());
}

TEST_F(DataEntry, TheFindingsPlaceColumnShowsSectionTitlesFilledInEitherLanguage) {
    for (auto lang : {i18n::Language::Vietnamese, i18n::Language::English}) {
        i18n::set_language(lang);
        ReportView* v = open_blank();
        ASSERT_NE(v, nullptr);
        bool section_iv = false;
        for (long i = 0; i < v->findings()->GetItemCount(); ++i) {
            const std::string place = desktop::utf8(v->findings()->GetItemText(i, 2));
            EXPECT_EQ(place.find('{'), std::string::npos) << place;
            section_iv = section_iv || place.find(lang == i18n::Language::English ? "KEY TASKS FOR Q3 2024"
                                                                                    : "NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2024") !=
                                           std::string::npos;
        }
        EXPECT_TRUE(section_iv) << "the empty section IV is a finding of a blank report";
        destroy_frame();
    }
}

}  // namespace
}  // namespace rb::test
