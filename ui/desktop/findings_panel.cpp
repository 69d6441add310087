#include "findings_panel.hpp"

#include <wx/image.h>
#include <wx/imaglist.h>

#include <algorithm>
#include <cmath>

#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "wx_text.hpp"

namespace rb::desktop {

namespace {

// Severity icons drawn here rather than taken from the icon theme, which may be missing. Drawn
// pixel by pixel into an image with alpha: a memory DC leaves a 32-bit bitmap's alpha at zero on
// Windows, where the dots then did not show.
wxBitmap severity_icon(const wxColour& colour, int size) {
    wxImage img(size, size);
    img.InitAlpha();
    const double r = size / 2.0 - 0.5, c = (size - 1) / 2.0;
    const wxColour rim = colour.ChangeLightness(70);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            const double d = std::hypot(x - c, y - c);
            const wxColour& px = d > r - 1.2 ? rim : colour;
            img.SetRGB(x, y, px.Red(), px.Green(), px.Blue());
            img.SetAlpha(x, y, d <= r ? 255 : d <= r + 0.7 ? 128 : 0);
        }
    }
    return wxBitmap(img);
}

}  // namespace

FindingsList::FindingsList(wxWindow* parent, const session::EditSession& session, GoTo go_to)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL),
      session_(session),
      go_to_(std::move(go_to)) {
    const int size = FromDIP(12);
    auto* images = new wxImageList(size, size, true);
    images->Add(severity_icon(wxColour(204, 0, 0), size));
    images->Add(severity_icon(wxColour(230, 150, 0), size));
    images->Add(severity_icon(wxColour(40, 110, 200), size));
    images->Add(severity_icon(wxColour(120, 170, 120), size));
    AssignImageList(images, wxIMAGE_LIST_SMALL);
    AppendColumn(wxs(tr("Mức độ")), wxLIST_FORMAT_LEFT, FromDIP(110));
    AppendColumn(wxs(tr("Nội dung")), wxLIST_FORMAT_LEFT, FromDIP(720));
    AppendColumn(wxs(tr("Vị trí")), wxLIST_FORMAT_LEFT, FromDIP(220));
    Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        if (e.GetIndex() < 0) return;
        if (e.GetIndex() == gathered_row()) {
            set_gathered_open(!open_);
            return;
        }
        if (const long f = finding_at(e.GetIndex()); f >= 0) go_to_(static_cast<std::size_t>(f));
    });
    Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) {
        const int col = e.GetColumn();
        if (col < 0) return;
        sort_by(col, sort_column_ == col ? !ascending_ : true);
    });
    refresh();
}

void FindingsList::sort_by(int column, bool ascending) {
    sort_column_ = column;
    ascending_ = ascending;
    refresh();
}

void FindingsList::show_only(std::optional<schema::Severity> severity) {
    only_ = severity;
    refresh();
}

long FindingsList::next_listed(long from, int direction) const {
    std::vector<long> listed;
    for (long f : rows_)
        if (f >= 0) listed.push_back(f);
    if (listed.empty()) return -1;
    const auto at = std::find(listed.begin(), listed.end(), from);
    if (at == listed.end()) return direction > 0 ? listed.front() : listed.back();
    const long n = static_cast<long>(listed.size());
    const long i = ((at - listed.begin()) + (direction > 0 ? 1 : -1) + n) % n;
    return listed[static_cast<std::size_t>(i)];
}

namespace {
bool gathers(const validate::Finding& f) { return f.rule == "required" && f.justification.empty(); }
}  // namespace

void FindingsList::rebuild_rows() {
    const auto& list = session_.findings().findings;
    rows_.clear();
    std::vector<long> not_entered;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (only_ && list[i].severity != *only_) continue;
        (gathers(list[i]) ? not_entered : rows_).push_back(static_cast<long>(i));
    }
    gathered_ = not_entered.size();
    if (sort_column_ >= 0) {
        // Stable, so equal keys keep the result's order.
        auto key = [&](long i) -> std::string {
            const auto& f = list[static_cast<std::size_t>(i)];
            switch (sort_column_) {
                case 0: return std::string(1, static_cast<char>('0' + static_cast<int>(f.severity)));
                case 1: return locale::fold_case(f.message);
                default: return locale::fold_case(place_text(session_, f));
            }
        };
        for (auto* part : {&rows_, &not_entered})
            std::stable_sort(part->begin(), part->end(), [&](long a, long b) {
                return ascending_ ? key(a) < key(b) : key(b) < key(a);
            });
    }
    if (not_entered.size() < 2) {  // one is shown as it is
        rows_.insert(rows_.end(), not_entered.begin(), not_entered.end());
        if (sort_column_ < 0) std::sort(rows_.begin(), rows_.end());
        return;
    }
    // After the other warnings, before the information entries (at the end when sorted).
    auto at = sort_column_ >= 0 ? rows_.end() : std::find_if(rows_.begin(), rows_.end(), [&](long i) {
        return list[static_cast<std::size_t>(i)].severity == schema::Severity::Info;
    });
    at = rows_.insert(at, kGathered) + 1;
    if (open_) rows_.insert(at, not_entered.begin(), not_entered.end());
}

void FindingsList::refresh() {
    const long keep = selected();
    const bool gathered_selected = GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == gathered_row() &&
                                   gathered_row() >= 0;
    rebuild_rows();
    const long n = static_cast<long>(rows_.size());
    if (GetItemCount() != n) SetItemCount(n);
    if (gathered_selected && gathered_row() >= 0)
        SetItemState(gathered_row(), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    else if (keep >= 0 && static_cast<std::size_t>(keep) < count() && row_of(static_cast<std::size_t>(keep)) < 0)
        SetItemState(GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED), 0, wxLIST_STATE_SELECTED);
    Refresh();
}

std::size_t FindingsList::count() const { return session_.findings().findings.size(); }

long FindingsList::row_of(std::size_t index) const {
    for (std::size_t r = 0; r < rows_.size(); ++r)
        if (rows_[r] == static_cast<long>(index)) return static_cast<long>(r);
    return -1;
}

long FindingsList::finding_at(long row) const {
    if (row < 0 || row >= static_cast<long>(rows_.size())) return -1;
    return rows_[static_cast<std::size_t>(row)];
}

long FindingsList::gathered_row() const {
    for (std::size_t r = 0; r < rows_.size(); ++r)
        if (rows_[r] == kGathered) return static_cast<long>(r);
    return -1;
}

void FindingsList::set_gathered_open(bool open) {
    if (open_ == open) return;
    open_ = open;
    refresh();
}

void FindingsList::select(std::size_t index) {
    if (index < count() && row_of(index) < 0 && gathers(session_.findings().findings[index])) set_gathered_open(true);
    const long row = row_of(index);
    if (row < 0) return;
    const long sel = GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (sel >= 0 && sel != row) SetItemState(sel, 0, wxLIST_STATE_SELECTED);
    SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    EnsureVisible(row);
}

long FindingsList::selected() const { return finding_at(GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)); }

std::string FindingsList::place_text(const session::EditSession& s, const validate::Finding& f) {
    const auto& t = s.type();
    if (!f.codes.empty()) {
        const auto* ind = t.indicator(f.codes.front());
        std::string text = f.codes.front();
        if (ind && !ind->stt.empty() && ind->stt != "-") text = trf("{} (STT {})", text, ind->stt);
        if (f.codes.size() > 1) text = trf("{} và {} chỉ tiêu khác", text, f.codes.size() - 1);
        return text;
    }
    if (!f.section.empty()) {
        const auto* sec = t.section(f.section);
        if (!sec) return trf("Mục {}", f.section);
        std::string number = sec->number.empty() ? sec->id : sec->number;
        return trf("Mục {}: {}", number, s.shown(sec->title));
    }
    return tr("Phần đầu văn bản");
}

wxString FindingsList::OnGetItemText(long row, long column) const {
    const auto& list = session_.findings().findings;
    if (row >= 0 && row < static_cast<long>(rows_.size()) && rows_[static_cast<std::size_t>(row)] == kGathered) {
        switch (column) {
            case 0: return wxs(tr("Cảnh báo"));
            case 1:
                return wxs(open_ ? trf("{} chỉ tiêu chưa nhập (Enter để thu gọn)", gathered_)
                                 : trf("{} chỉ tiêu chưa nhập — Enter để xem từng chỉ tiêu", gathered_));
            default: return {};
        }
    }
    const long item = finding_at(row);
    if (item < 0 || item >= static_cast<long>(list.size())) return {};
    const auto& f = list[static_cast<std::size_t>(item)];
    switch (column) {
        case 0:
            if (!f.justification.empty()) return wxs(tr("Đã giải trình"));
            switch (f.severity) {
                case schema::Severity::Error: return wxs(tr("Lỗi"));
                case schema::Severity::Warning: return wxs(tr("Cảnh báo"));
                case schema::Severity::Info: return wxs(tr("Thông tin"));
            }
            return {};
        case 1:
            // The reason first: the column is often too narrow for both.
            if (!f.justification.empty()) return wxs(trf("đã giải trình: “{}” — {}", f.justification, f.message));
            return wxs(f.message);
        case 2: return wxs(place_text(session_, f));
    }
    return {};
}

wxItemAttr* FindingsList::OnGetItemAttr(long row) const {
    const auto& list = session_.findings().findings;
    if (row == gathered_row() && row >= 0) {
        wxFont bold = GetFont();
        bold.SetWeight(wxFONTWEIGHT_BOLD);
        gathered_attr_.SetFont(bold);
        return &gathered_attr_;
    }
    const long item = finding_at(row);
    if (item < 0 || item >= static_cast<long>(list.size())) return nullptr;
    if (list[static_cast<std::size_t>(item)].justification.empty()) return nullptr;
    accepted_attr_.SetTextColour(wxColour(120, 120, 120));
    return &accepted_attr_;
}

int FindingsList::OnGetItemImage(long row) const {
    const auto& list = session_.findings().findings;
    if (row == gathered_row() && row >= 0) return 1;
    const long item = finding_at(row);
    if (item < 0 || item >= static_cast<long>(list.size())) return -1;
    const auto& f = list[static_cast<std::size_t>(item)];
    if (!f.justification.empty()) return 3;
    switch (f.severity) {
        case schema::Severity::Error: return 0;
        case schema::Severity::Warning: return 1;
        case schema::Severity::Info: return 2;
    }
    return -1;
}

}  // namespace rb::desktop
