#include "appendix_grid.hpp"

#include <wx/settings.h>
#include <wx/tooltip.h>

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
        on_edit_(ind.code, col, utf8(value));
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
    // Enter moves down, as in a spreadsheet: the natural way to fill a column of figures.
    SetDefaultEditor(new wxGridCellTextEditor);
    layout_columns();
    GetGridWindow()->Bind(wxEVT_MOTION, &AppendixGrid::on_motion, this);
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
