#include "findings_panel.hpp"

#include <wx/image.h>
#include <wx/imaglist.h>

#include <cmath>

#include "i18n/i18n.hpp"
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
        if (e.GetIndex() >= 0) go_to_(static_cast<std::size_t>(e.GetIndex()));
    });
    refresh();
}

void FindingsList::refresh() {
    const long n = static_cast<long>(count());
    if (GetItemCount() != n) SetItemCount(n);
    Refresh();
}

std::size_t FindingsList::count() const { return session_.findings().findings.size(); }

void FindingsList::select(std::size_t index) {
    if (index >= count()) return;
    const long sel = selected();
    if (sel >= 0 && sel != static_cast<long>(index)) SetItemState(sel, 0, wxLIST_STATE_SELECTED);
    SetItemState(static_cast<long>(index), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    EnsureVisible(static_cast<long>(index));
}

long FindingsList::selected() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

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

wxString FindingsList::OnGetItemText(long item, long column) const {
    const auto& list = session_.findings().findings;
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

wxItemAttr* FindingsList::OnGetItemAttr(long item) const {
    const auto& list = session_.findings().findings;
    if (item < 0 || item >= static_cast<long>(list.size())) return nullptr;
    if (list[static_cast<std::size_t>(item)].justification.empty()) return nullptr;
    accepted_attr_.SetTextColour(wxColour(120, 120, 120));
    return &accepted_attr_;
}

int FindingsList::OnGetItemImage(long item) const {
    const auto& list = session_.findings().findings;
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
