#include "appendix_grid.hpp"

#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/tooltip.h>

#include <algorithm>

#include "i18n/i18n.hpp"
#include "wx_text.hpp"

namespace rb::desktop {

namespace {
// Colours chosen to stay readable in print-like light themes: a pale blue for rows the core
// computes, pale red for errors, pale amber for warnings.
const wxColour kComputed(232, 239, 248);
const wxColour kHeading(242, 242, 242);
const wxColour kError(250, 214, 214);
const wxColour kErrorText(160, 0, 0);
const wxColour kWarning(252, 240, 205);
const wxColour kNoteBorder(200, 120, 0);
const wxColour kNoteBackground(255, 248, 225);
const wxColour kNoteText(90, 50, 0);

bool printable(const wxKeyEvent& e) {
    if (e.HasAnyModifiers() && e.GetModifiers() != wxMOD_SHIFT) return false;
    const wxChar c = e.GetUnicodeKey();
    return c != WXK_NONE && c >= 32 && c != 127;
}
}  // namespace

class AppendixTable : public wxGridTableBase {
public:
    struct Row {
        bool group = false;
        std::string group_code;
        std::size_t slot = 0;
    };

    AppendixTable(session::EditSession& s, AppendixGrid::EditHandler on_edit)
        : session_(s), on_edit_(std::move(on_edit)) {
        const auto& t = s.type();
        std::string current_group = "\x01";
        for (std::size_t i = 0; i < t.indicators.size(); ++i) {
            const auto& ind = t.indicators[i];
            if (ind.group != current_group) {
                current_group = ind.group;
                if (t.group(ind.group)) rows_.push_back({true, ind.group, 0});
            }
            rows_.push_back({false, {}, i});
            row_of_[ind.code] = static_cast<int>(rows_.size()) - 1;
        }
        make_attrs();
        refresh_findings();
    }
    ~AppendixTable() override {
        for (auto* a : {plain_, readonly_, computed_, heading_, error_, warning_, error_ro_, warning_ro_, value_})
            a->DecRef();
        for (auto& [k, a] : choice_attrs_) a->DecRef();
        for (auto& [k, e] : choice_editors_) e->DecRef();
    }

    int GetNumberRows() override { return static_cast<int>(rows_.size()); }
    int GetNumberCols() override { return AppendixGrid::kColumns; }

    wxString GetColLabelValue(int col) override {
        switch (col) {
            case AppendixGrid::kStt: return wxs(tr("STT"));
            case AppendixGrid::kLabel: return wxs(tr("Chỉ tiêu"));
            case AppendixGrid::kUnit: return wxs(tr("Đơn vị tính"));
            case AppendixGrid::kValue: return wxs(tr("Số liệu"));
            case AppendixGrid::kNote: return wxs(tr("Ghi chú"));
        }
        return {};
    }
    wxString GetRowLabelValue(int) override { return {}; }

    wxString GetValue(int row, int col) override {
        if (row < 0 || row >= GetNumberRows()) return {};
        const Row& r = rows_[static_cast<std::size_t>(row)];
        const auto& t = session_.type();
        if (r.group) {
            const auto* g = t.group(r.group_code);
            if (col == AppendixGrid::kStt) return wxs(r.group_code);
            if (col == AppendixGrid::kLabel && g) return wxs(g->title.get());
            return {};
        }
        const auto& ind = t.indicators[r.slot];
        switch (col) {
            case AppendixGrid::kStt: return wxs(ind.stt);
            case AppendixGrid::kLabel: return wxs(ind.label.get());
            case AppendixGrid::kUnit: return wxs(ind.unit);
            case AppendixGrid::kValue: return wxs(value_text(r.slot));
            case AppendixGrid::kNote: {
                auto it = session_.report().values.find(ind.code);
                return it == session_.report().values.end() ? wxString() : wxs(it->second.note);
            }
        }
        return {};
    }

    void SetValue(int row, int col, const wxString& value) override {
        if (row < 0 || row >= GetNumberRows() || rows_[static_cast<std::size_t>(row)].group) return;
        const auto& ind = session_.type().indicators[rows_[static_cast<std::size_t>(row)].slot];
        const std::string typed = utf8(value);
        const std::string why = on_edit_(ind.code, col, typed);
        if (!why.empty())
            if (auto* grid = dynamic_cast<AppendixGrid*>(GetView())) grid->on_refused(row, col, typed, why);
    }

    const schema::Indicator* indicator_at(int row) const {
        if (row < 0 || row >= static_cast<int>(rows_.size()) || rows_[static_cast<std::size_t>(row)].group)
            return nullptr;
        return &session_.type().indicators[rows_[static_cast<std::size_t>(row)].slot];
    }

    bool takes_input(int row, int col) const {
        const auto* ind = indicator_at(row);
        if (!ind || ind->heading || session_.read_only()) return false;
        if (col == AppendixGrid::kNote) return true;
        return col == AppendixGrid::kValue && !ind->is_computed();
    }

    std::string why_no_input(int row, int col) const {
        if (row < 0 || row >= static_cast<int>(rows_.size())) return {};
        if (session_.read_only()) return tr("Báo cáo đã khóa nên không sửa được số liệu.");
        const auto* ind = indicator_at(row);
        if (!ind || ind->heading) {
            const std::string title =
                ind ? ind->label.get() : [&] {
                    const auto* g = session_.type().group(rows_[static_cast<std::size_t>(row)].group_code);
                    return g ? g->title.get() : std::string();
                }();
            return trf("“{}” là dòng tiêu đề, không nhận số liệu. Số liệu nhập ở các dòng bên dưới.", title);
        }
        if (col == AppendixGrid::kValue && ind->is_computed()) {
            // The rows it is made of, by the numbers the clerk sees (STT), not the formula.
            std::string from;
            for (const auto& code : ind->computed->references()) {
                const auto* part = session_.type().indicator(code);
                from += (from.empty() ? "" : ", ") + (part ? part->stt : code);
            }
            return from.empty() ? trf("{} “{}” được tính tự động, không nhập trực tiếp.", ind->stt, ind->label.get())
                                : trf("{} “{}” được tính tự động từ dòng {}, không nhập trực tiếp. Hãy nhập vào các "
                                      "dòng đó.",
                                      ind->stt, ind->label.get(), from);
        }
        if (col != AppendixGrid::kValue && col != AppendixGrid::kNote)
            return tr("Cột này không nhập được: số liệu nhập ở cột “Số liệu”, ghi chú ở cột “Ghi chú”.");
        return {};
    }

    bool IsEmptyCell(int row, int col) override { return GetValue(row, col).empty(); }

    bool CanHaveAttributes() override { return true; }

    wxGridCellAttr* GetAttr(int row, int col, wxGridCellAttr::wxAttrKind) override {
        wxGridCellAttr* a = pick_attr(row, col);
        a->IncRef();
        return a;
    }

    std::string tooltip(int row, int col) const {
        if (row < 0 || row >= static_cast<int>(rows_.size())) return {};
        const Row& r = rows_[static_cast<std::size_t>(row)];
        if (r.group) return {};
        const auto& ind = session_.type().indicators[r.slot];
        if (auto it = messages_.find(r.slot); it != messages_.end() && col == AppendixGrid::kValue) return it->second;
        if (col == AppendixGrid::kValue && ind.is_computed())
            return trf("Tính tự động: {}", ind.computed_source);
        if (col == AppendixGrid::kLabel) return ind.code + " — " + ind.label.get();
        return {};
    }

    void refresh_findings() {
        marks_.clear();
        messages_.clear();
        const auto& t = session_.type();
        for (const auto& f : session_.findings().findings) {
            if (f.severity == schema::Severity::Info || !f.justification.empty()) continue;
            for (const auto& code : f.codes) {
                auto slot = t.slot(code);
                if (!slot) continue;
                auto mark = marks_.find(*slot);
                if (mark == marks_.end()) marks_[*slot] = f.severity;
                else if (f.severity == schema::Severity::Error) mark->second = schema::Severity::Error;
                std::string& m = messages_[*slot];
                m += (m.empty() ? "" : "\n") + f.message;
            }
        }
    }

    std::optional<int> row_of(const std::string& code) const {
        auto it = row_of_.find(code);
        if (it == row_of_.end()) return std::nullopt;
        return it->second;
    }
    std::string code_at(int row) const {
        if (row < 0 || row >= static_cast<int>(rows_.size()) || rows_[static_cast<std::size_t>(row)].group) return {};
        return session_.type().indicators[rows_[static_cast<std::size_t>(row)].slot].code;
    }

private:
    std::string value_text(std::size_t slot) const {
        const auto& ind = session_.type().indicators[slot];
        const auto& v = session_.evaluation().value(slot);
        // Choices and yes/no show their label; the core keeps the key.
        if (!v.is_blank() && !v.is_not_applicable()) {
            if (ind.type == schema::ValueType::YesNo) return v.number != 0 ? tr("Có") : tr("Không");
            if (ind.type == schema::ValueType::Choice)
                for (const auto& c : ind.choices)
                    if (static_cast<double>(c.value) == v.number) return c.label.get();
        }
        if (ind.type == schema::ValueType::Text || ind.type == schema::ValueType::Date)
            return session_.evaluation().cell(slot).display;
        return session_.evaluation().display(slot);
    }

    void make_attrs() {
        plain_ = new wxGridCellAttr;
        readonly_ = new wxGridCellAttr;
        readonly_->SetReadOnly();
        computed_ = new wxGridCellAttr;
        computed_->SetReadOnly();
        computed_->SetBackgroundColour(kComputed);
        heading_ = new wxGridCellAttr;
        heading_->SetReadOnly();
        heading_->SetBackgroundColour(kHeading);
        wxFont bold = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
        bold.SetWeight(wxFONTWEIGHT_BOLD);
        heading_->SetFont(bold);
        error_ = new wxGridCellAttr;
        error_->SetBackgroundColour(kError);
        error_->SetTextColour(kErrorText);
        error_ro_ = error_->Clone();
        error_ro_->SetReadOnly();
        warning_ = new wxGridCellAttr;
        warning_->SetBackgroundColour(kWarning);
        warning_ro_ = warning_->Clone();
        warning_ro_->SetReadOnly();
        value_ = new wxGridCellAttr;
        // Figures are right-aligned, as in the printed appendix.
        for (auto* a : {value_, computed_, error_, warning_, error_ro_, warning_ro_})
            a->SetAlignment(wxALIGN_RIGHT, wxALIGN_CENTRE);
        for (auto* a : {plain_, readonly_, computed_, error_, warning_, error_ro_, warning_ro_, value_})
            a->SetOverflow(false);
    }

    // One editor per indicator whatever the cell's tint: the grid keeps using the editor it
    // opened even when a finding changes the cell's attributes while it is open.
    wxGridCellAttr* choice_attr(const schema::Indicator& ind, wxGridCellAttr* base) {
        auto key = std::make_pair(ind.code, base);
        if (auto it = choice_attrs_.find(key); it != choice_attrs_.end()) return it->second;
        auto& editor = choice_editors_[ind.code];
        if (!editor) {
            wxArrayString options;
            options.Add(wxString());  // clears the value
            if (ind.type == schema::ValueType::YesNo) {
                options.Add(wxs(tr("Có")));
                options.Add(wxs(tr("Không")));
            } else {
                for (const auto& c : ind.choices) options.Add(wxs(c.label.get()));
            }
            editor = new wxGridCellChoiceEditor(options, false);
        }
        auto* a = base->Clone();
        editor->IncRef();
        a->SetEditor(editor);
        choice_attrs_[key] = a;
        return a;
    }

    wxGridCellAttr* pick_attr(int row, int col) {
        if (row < 0 || row >= static_cast<int>(rows_.size())) return plain_;
        const Row& r = rows_[static_cast<std::size_t>(row)];
        if (r.group) return heading_;
        const auto& ind = session_.type().indicators[r.slot];
        if (ind.heading) return heading_;
        const bool editable_col = col == AppendixGrid::kValue || col == AppendixGrid::kNote;
        if (ind.is_computed() && col == AppendixGrid::kValue) {
            auto m = marks_.find(r.slot);
            if (m == marks_.end()) return computed_;
            return m->second == schema::Severity::Error ? error_ro_ : warning_ro_;
        }
        if (!editable_col || session_.read_only()) return readonly_;
        if (col == AppendixGrid::kValue) {
            wxGridCellAttr* base = value_;
            if (auto m = marks_.find(r.slot); m != marks_.end())
                base = m->second == schema::Severity::Error ? error_ : warning_;
            if (ind.type == schema::ValueType::YesNo || ind.type == schema::ValueType::Choice)
                return choice_attr(ind, base);
            return base;
        }
        return plain_;
    }

    session::EditSession& session_;
    AppendixGrid::EditHandler on_edit_;
    std::vector<Row> rows_;
    std::map<std::string, int> row_of_;
    std::map<std::size_t, schema::Severity> marks_;
    std::map<std::size_t, std::string> messages_;
    wxGridCellAttr *plain_ = nullptr, *readonly_ = nullptr, *computed_ = nullptr, *heading_ = nullptr,
                   *error_ = nullptr, *warning_ = nullptr, *error_ro_ = nullptr, *warning_ro_ = nullptr,
                   *value_ = nullptr;
    std::map<std::pair<std::string, wxGridCellAttr*>, wxGridCellAttr*> choice_attrs_;
    std::map<std::string, wxGridCellEditor*> choice_editors_;
};

AppendixGrid::AppendixGrid(wxWindow* parent, session::EditSession& session, EditHandler on_edit)
    : wxGrid(parent, wxID_ANY) {
    table_ = new AppendixTable(session, std::move(on_edit));
    SetTable(table_, true, wxGridSelectCells);
    HideRowLabels();
    EnableDragRowSize(false);
    SetDefaultCellOverflow(false);
    SetColLabelSize(FromDIP(28));
    SetDefaultEditor(new wxGridCellTextEditor);
    layout_columns();
    GetGridWindow()->Bind(wxEVT_MOTION, &AppendixGrid::on_motion, this);
    // Bound handlers run before wxGrid's own: Enter, Tab and the arrows are ours.
    Bind(wxEVT_KEY_DOWN, &AppendixGrid::on_key_down, this);
    Bind(wxEVT_CHAR, &AppendixGrid::on_char, this);
    Bind(wxEVT_GRID_EDITOR_CREATED, [this](wxGridEditorCreatedEvent& e) {
        // Up and Down inside an open editor commit and move, as Enter does.
        if (auto* w = e.GetWindow()) w->Bind(wxEVT_KEY_DOWN, &AppendixGrid::on_editor_key, this);
        e.Skip();
    });
    Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& e) {
        if (e.GetRow() != message_cell_.first || e.GetCol() != message_cell_.second) hide_cell_message();
        e.Skip();
    });
    for (auto type : {wxEVT_SCROLLWIN_TOP, wxEVT_SCROLLWIN_BOTTOM, wxEVT_SCROLLWIN_LINEUP, wxEVT_SCROLLWIN_LINEDOWN,
                      wxEVT_SCROLLWIN_PAGEUP, wxEVT_SCROLLWIN_PAGEDOWN, wxEVT_SCROLLWIN_THUMBTRACK})
        Bind(type, [this](wxScrollWinEvent& e) {
            hide_cell_message();
            e.Skip();
        });
    GetGridWindow()->Bind(wxEVT_MOUSEWHEEL, [this](wxMouseEvent& e) {
        hide_cell_message();
        e.Skip();
    });

    // The cursor starts where the first figure goes, not on the first heading.
    if (auto first = next_input(-1, kValue, Move::Down)) SetGridCursor(first->first, first->second);

    // The note under a cell: a child of the grid's window, so that it sits where the eye is and
    // appears in screenshots; hidden until needed.
    auto* note = new wxPanel(GetGridWindow(), wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE);
    note->SetBackgroundColour(kNoteBorder);
    auto* inner = new wxPanel(note);
    inner->SetBackgroundColour(kNoteBackground);
    message_text_ = new wxStaticText(inner, wxID_ANY, wxString());
    message_text_->SetForegroundColour(kNoteText);
    auto* is = new wxBoxSizer(wxVERTICAL);
    is->Add(message_text_, 1, wxEXPAND | wxALL, FromDIP(6));
    inner->SetSizer(is);
    auto* ns = new wxBoxSizer(wxVERTICAL);
    ns->Add(inner, 1, wxEXPAND | wxALL, FromDIP(1));
    note->SetSizer(ns);
    note->Hide();
    message_ = note;
}

bool AppendixGrid::takes_input(int row, int col) const { return table_->takes_input(row, col); }
std::string AppendixGrid::why_no_input(int row, int col) const { return table_->why_no_input(row, col); }

std::optional<std::pair<int, int>> AppendixGrid::next_input(int row, int col, Move m) const {
    const int rows = GetNumberRows();
    if (col != kValue && col != kNote) col = kValue;
    switch (m) {
        case Move::Down:
        case Move::Up: {
            const int step = m == Move::Down ? 1 : -1;
            for (int r = row + step; r >= 0 && r < rows; r += step)
                if (takes_input(r, col)) return std::make_pair(r, col);
            return std::nullopt;
        }
        case Move::Next:
        case Move::Previous: {
            // Reading order over the two input columns: value, note, then the next row.
            const int step = m == Move::Next ? 1 : -1;
            for (int i = row * 2 + (col == kNote ? 1 : 0) + step; i >= 0 && i < rows * 2; i += step) {
                const int r = i / 2, c = i % 2 == 0 ? kValue : kNote;
                if (takes_input(r, c)) return std::make_pair(r, c);
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void AppendixGrid::commit_and_move(Move m) {
    const int row = GetGridCursorRow(), col = GetGridCursorCol();
    if (IsCellEditControlEnabled()) {
        committing_ = true;
        refused_ = false;
        DisableCellEditControl();
        committing_ = false;
        if (refused_) {
            // The cursor stays and the text comes back for correcting; the reason is already
            // shown under the cell. Reopened once the key that closed the editor is handled.
            CallAfter([this, row, col, text = refused_text_] { reopen_with(row, col, text); });
            return;
        }
    }
    hide_cell_message();
    if (auto to = next_input(row, col, m)) {
        SetGridCursor(to->first, to->second);
        MakeCellVisible(to->first, to->second);
    }
}

void AppendixGrid::reopen_with(int row, int col, const std::string& typed) {
    if (GetGridCursorRow() != row || GetGridCursorCol() != col) return;
    EnableCellEditControl();
    if (!IsCellEditControlShown()) return;
    wxGridCellEditor* editor = GetCellEditor(row, col);
    if (auto* text = dynamic_cast<wxTextCtrl*>(editor->GetControl())) {
        text->ChangeValue(wxs(typed));
        text->SetInsertionPointEnd();
    }
    editor->DecRef();
}

void AppendixGrid::on_refused(int row, int col, const std::string& typed, const std::string& why) {
    refused_ = true;
    refused_text_ = typed;
    show_cell_message(row, col, why);
}

void AppendixGrid::on_key_down(wxKeyEvent& e) {
    const bool shift = e.GetModifiers() == wxMOD_SHIFT;
    const bool plain = e.GetModifiers() == wxMOD_NONE;
    switch (e.GetKeyCode()) {
        case WXK_RETURN:
        case WXK_NUMPAD_ENTER:
            if (plain || shift) return commit_and_move(shift ? Move::Up : Move::Down);
            break;
        case WXK_TAB:
            if (plain || shift) return commit_and_move(shift ? Move::Previous : Move::Next);
            break;
        case WXK_DOWN:
        case WXK_UP:
            if (plain && !IsCellEditControlEnabled())
                return commit_and_move(e.GetKeyCode() == WXK_DOWN ? Move::Down : Move::Up);
            break;
        case WXK_RIGHT:
        case WXK_LEFT:
            // Between the value and the note of one row; never onto the read-only columns.
            if (plain && !IsCellEditControlEnabled()) {
                const int row = GetGridCursorRow();
                const int to = e.GetKeyCode() == WXK_RIGHT ? kNote : kValue;
                if (takes_input(row, to)) {
                    hide_cell_message();
                    SetGridCursor(row, to);
                    MakeCellVisible(row, to);
                }
                return;
            }
            break;
        case WXK_ESCAPE:
            hide_cell_message();
            break;
        default:
            break;
    }
    e.Skip();
}

void AppendixGrid::on_editor_key(wxKeyEvent& e) {
    if (e.GetModifiers() == wxMOD_NONE && (e.GetKeyCode() == WXK_DOWN || e.GetKeyCode() == WXK_UP) &&
        IsCellEditControlEnabled()) {
        // Leave the editor's own handling first: the move happens after this event is done.
        const Move m = e.GetKeyCode() == WXK_DOWN ? Move::Down : Move::Up;
        CallAfter([this, m] { commit_and_move(m); });
        return;
    }
    e.Skip();
}

void AppendixGrid::on_char(wxKeyEvent& e) {
    const int row = GetGridCursorRow(), col = GetGridCursorCol();
    if (IsCellEditControlEnabled() || !printable(e)) return e.Skip();
    if (!takes_input(row, col)) {
        show_cell_message(row, col, why_no_input(row, col));
        return;
    }
    hide_cell_message();
    const auto* ind = table_->indicator_at(row);
    if (col == kValue && ind &&
        (ind->type == schema::ValueType::YesNo || ind->type == schema::ValueType::Choice)) {
        // A drop-down takes no letters: the keys HTKK users know choose directly (1/c/y for
        // "có", 0/k/n for "không", a choice's number for that choice).
        const wxChar c = static_cast<wxChar>(wxTolower(e.GetUnicodeKey()));
        std::string typed;
        if (ind->type == schema::ValueType::YesNo) {
            if (c == '1' || c == 'c' || c == 'y') typed = "1";
            if (c == '0' || c == 'k' || c == 'n') typed = "0";
        } else if (c >= '0' && c <= '9') {
            typed = std::string(1, static_cast<char>(c));
        }
        if (typed.empty()) {
            show_cell_message(row, col,
                              ind->type == schema::ValueType::YesNo
                                  ? tr("Gõ 1 hoặc C cho “Có”, 0 hoặc K cho “Không”, hoặc mở danh sách bằng F2.")
                                  : tr("Gõ số thứ tự của lựa chọn, hoặc mở danh sách bằng F2."));
            return;
        }
        table_->SetValue(row, col, wxs(typed));
        ForceRefresh();
        return;
    }
    e.Skip();
}

void AppendixGrid::show_cell_message(int row, int col, const std::string& text) {
    if (text.empty() || row < 0 || col < 0) return hide_cell_message();
    message_cell_ = {row, col};
    wxWindow* area = GetGridWindow();
    const wxSize client = area->GetClientSize();
    const int width = std::max(FromDIP(200), std::min(FromDIP(420), client.x - FromDIP(8)));
    message_text_->SetLabel(wxs(text));
    message_text_->Wrap(width - FromDIP(16));
    message_->Layout();
    const wxSize best = message_->GetBestSize();
    const wxSize size(width, best.y);
    const wxRect cell = CellToRect(row, col);
    int x = 0, y = 0, top = 0;
    CalcScrolledPosition(cell.GetLeft(), cell.GetBottom() + 2, &x, &y);
    CalcScrolledPosition(cell.GetLeft(), cell.GetTop(), &x, &top);
    // Under the cell, or above it when there is no room below; never past the right edge.
    if (y + size.y > client.y && top - size.y - 2 >= 0) y = top - size.y - 2;
    x = std::max(0, std::min(x, client.x - size.x));
    message_->SetSize(x, y, size.x, size.y);
    message_->Layout();
    message_->Show();
    message_->Raise();
}

void AppendixGrid::hide_cell_message() {
    if (message_cell_.first < 0) return;
    message_cell_ = {-1, -1};
    message_->Hide();
}

std::string AppendixGrid::cell_message() const {
    if (message_cell_.first < 0) return {};
    std::string s = utf8(message_text_->GetLabel());
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

void AppendixGrid::layout_columns() {
    SetColSize(kStt, FromDIP(64));
    SetColSize(kLabel, FromDIP(440));
    SetColSize(kUnit, FromDIP(130));
    SetColSize(kValue, FromDIP(120));
    SetColSize(kNote, FromDIP(200));
    SetColLabelAlignment(wxALIGN_CENTRE, wxALIGN_CENTRE);
}

void AppendixGrid::refresh_findings() {
    table_->refresh_findings();
    ForceRefresh();
}

std::optional<int> AppendixGrid::row_of(const std::string& code) const { return table_->row_of(code); }
std::string AppendixGrid::code_at(int row) const { return table_->code_at(row); }

void AppendixGrid::go_to(const std::string& code) {
    auto row = row_of(code);
    if (!row) return;
    SetGridCursor(*row, kValue);
    MakeCellVisible(*row, kValue);
    SetFocus();
}

void AppendixGrid::on_motion(wxMouseEvent& e) {
    int x = 0, y = 0;
    CalcUnscrolledPosition(e.GetX(), e.GetY(), &x, &y);
    const int row = YToRow(y), col = XToCol(x);
    const int key = row * kColumns + col;
    if (key != tooltip_row_) {
        tooltip_row_ = key;
        const std::string tip = table_->tooltip(row, col);
        GetGridWindow()->SetToolTip(tip.empty() ? wxString() : wxs(tip));
    }
    e.Skip();
}

}  // namespace rb::desktop
