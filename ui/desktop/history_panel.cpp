#include "history_panel.hpp"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>
#include <wx/sizer.h>

#include <algorithm>
#include <cmath>

#include "i18n/i18n.hpp"
#include "wx_text.hpp"

namespace rb::desktop {
namespace {

// "Q1/25", "6T/25", "9T/25", "2025": short enough to sit under a bar.
std::string short_period(const report::Period& p) {
    const std::string yy = std::to_string(p.year % 100);
    const std::string y2 = yy.size() == 1 ? "0" + yy : yy;
    switch (p.kind) {
        case report::PeriodKind::Quarter: return "Q" + std::to_string(p.index) + "/" + y2;
        case report::PeriodKind::HalfYear: return tr("6T") + std::string("/") + y2;
        case report::PeriodKind::NineMonths: return tr("9T") + std::string("/") + y2;
        case report::PeriodKind::Year: return std::to_string(p.year);
    }
    return p.code();
}

std::string source_text(const history::Comparison& c) {
    if (!c.past) return trf("{}: không có báo cáo trong không gian làm việc", c.period.label(i18n::language()));
    if (c.past->from_predecessors) {
        std::string units;
        for (const auto& u : c.past->units) units += (units.empty() ? "" : ", ") + u;
        return trf("{}: tổng của các xã trước sáp nhập ({})", c.period.label(i18n::language()), units);
    }
    return c.period.label(i18n::language());
}

}  // namespace

HistoryChart::HistoryChart(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(320, 160)));
    Bind(wxEVT_PAINT, &HistoryChart::on_paint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

void HistoryChart::set_series(std::string title, std::vector<history::SeriesPoint> points, bool last_is_outlier) {
    title_ = std::move(title);
    points_ = std::move(points);
    last_is_outlier_ = last_is_outlier;
    Refresh();
}

void HistoryChart::on_paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    const wxSize size = GetClientSize();
    const double pad = FromDIP(10);
    wxFont font = GetFont();
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    gc->SetFont(font, text);
    double tw = 0, th = 0;
    gc->GetTextExtent(wxs(title_), &tw, &th);
    gc->DrawText(wxs(title_), pad, pad);
    const double top = pad + th + FromDIP(22);      // room for value labels above the bars
    const double bottom = size.y - pad - th - FromDIP(6);  // room for period labels
    if (points_.empty() || bottom <= top) {
        return;
    }
    double hi = 0;
    for (const auto& p : points_)
        if (p.number) hi = std::max(hi, *p.number);
    if (hi <= 0) hi = 1;
    const double width = size.x - 2 * pad;
    const double slot = width / static_cast<double>(points_.size());
    const double bar = std::min(slot * 0.6, static_cast<double>(FromDIP(48)));
    // The axis.
    gc->SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT), 1));
    gc->StrokeLine(pad, bottom, size.x - pad, bottom);
    const wxColour past(120, 144, 176), now(31, 87, 160), warn(200, 60, 40);
    wxFont small = font.Smaller();
    gc->SetFont(small, text);
    double widest = 0;
    for (const auto& p : points_) {
        double w = 0, h = 0;
        gc->GetTextExtent(wxs(short_period(p.period) + "* " + p.display), &w, &h);
        widest = std::max(widest, w);
    }
    const std::size_t stride = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(widest / slot)));
    for (std::size_t i = 0; i < points_.size(); ++i) {
        const auto& p = points_[i];
        const bool last = i + 1 == points_.size();
        const double cx = pad + slot * (static_cast<double>(i) + 0.5);
        if (p.number) {
            const double h = (bottom - top) * std::max(0.0, *p.number) / hi;
            const wxColour fill = last ? (last_is_outlier_ ? warn : now) : past;
            gc->SetPen(*wxTRANSPARENT_PEN);
            gc->SetBrush(wxBrush(fill));
            gc->DrawRectangle(cx - bar / 2, bottom - h, bar, h);
            if (last || (points_.size() - 1 - i) % stride == 0) {
                gc->SetFont(small, last && last_is_outlier_ ? warn : text);
                double vw = 0, vh = 0;
                gc->GetTextExtent(wxs(p.display), &vw, &vh);
                gc->DrawText(wxs(p.display), cx - vw / 2, bottom - h - vh - FromDIP(2));
            }
        }
        // Labels that would run into each other are thinned out; the last one always shows.
        if (!last && (points_.size() - 1 - i) % stride != 0) continue;
        const std::string label = short_period(p.period) + (p.from_predecessors ? "*" : "");
        gc->SetFont(small, text);
        double lw = 0, lh = 0;
        gc->GetTextExtent(wxs(label), &lw, &lh);
        gc->DrawText(wxs(label), cx - lw / 2, bottom + FromDIP(3));
    }
}

HistoryPanel::HistoryPanel(wxWindow* parent, const session::EditSession& session)
    : wxPanel(parent, wxID_ANY), session_(session) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    sources_ = new wxStaticText(this, wxID_ANY, wxString());
    top->Add(sources_, 0, wxEXPAND | wxALL, FromDIP(6));
    table_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    table_->AppendColumn(wxs(tr("Mã")), wxLIST_FORMAT_LEFT, FromDIP(80));
    table_->AppendColumn(wxs(tr("Chỉ tiêu")), wxLIST_FORMAT_LEFT, FromDIP(260));
    table_->AppendColumn(wxs(tr("Kỳ này")), wxLIST_FORMAT_RIGHT, FromDIP(80));
    table_->AppendColumn(wxs(tr("Kỳ trước")), wxLIST_FORMAT_RIGHT, FromDIP(80));
    table_->AppendColumn(wxs(tr("Thay đổi")), wxLIST_FORMAT_RIGHT, FromDIP(150));
    table_->AppendColumn(wxs(tr("Cùng kỳ năm trước")), wxLIST_FORMAT_RIGHT, FromDIP(130));
    table_->AppendColumn(wxs(tr("Thay đổi")), wxLIST_FORMAT_RIGHT, FromDIP(150));
    top->Add(table_, 3, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    // Below the table, as wide as the page: periods need room side by side.
    chart_ = new HistoryChart(this);
    top->Add(chart_, 2, wxEXPAND | wxALL, FromDIP(6));
    SetSizer(top);
    table_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        const long i = e.GetIndex();
        if (i >= 0 && static_cast<std::size_t>(i) < codes_.size() && codes_[i] != code_) {
            code_ = codes_[i];
            update_chart();
        }
    });
    refresh();
}

void HistoryPanel::set_context(std::shared_ptr<const history::Context> context) {
    context_ = std::move(context);
    refresh();
}

void HistoryPanel::refresh() {
    const auto& r = session_.report();
    const auto& ev = session_.evaluation();
    const auto& type = ev.type();
    history::Context empty;
    const history::Context& ctx = context_ ? *context_ : empty;
    const auto previous = ctx.compare(r, ev, history::Baseline::Previous);
    const auto year_ago = ctx.compare(r, ev, history::Baseline::YearAgo);
    sources_->SetLabel(wxs(trf("So sánh với kỳ trước — {}; với cùng kỳ năm trước — {}", source_text(previous),
                               source_text(year_ago))));
    const bool rebuild = codes_.size() != previous.values.size();
    if (rebuild) {
        table_->DeleteAllItems();
        codes_.clear();
    }
    for (std::size_t i = 0; i < previous.values.size(); ++i) {
        const auto& p = previous.values[i];
        const auto& y = year_ago.values[i];
        const auto& ind = *type.indicator(p.code);
        const long item = static_cast<long>(i);
        if (rebuild) {
            codes_.push_back(p.code);
            table_->InsertItem(item, wxs(p.code));
            table_->SetItem(item, kLabel, wxs(ind.label.get()));
        }
        auto show = [](const validate::Cell& c) { return wxs(c.display.empty() ? std::string("—") : c.display); };
        auto set = [&](int col, const wxString& text) {
            if (table_->GetItemText(item, col) != text) table_->SetItem(item, col, text);
        };
        set(kNow, show(p.current));
        set(kPrevious, previous.past ? show(p.baseline) : wxString("—"));
        set(kPreviousChange, wxs(history::change_display(ind, p)));
        set(kYearAgo, year_ago.past ? show(y.baseline) : wxString("—"));
        set(kYearAgoChange, wxs(history::change_display(ind, y)));
    }
    if (code_.empty() && !codes_.empty()) {
        // Start on the first figure that was entered: an empty computed row says little.
        code_ = codes_.front();
        for (const auto& c : codes_)
            if (auto s = type.slot(c); s && ev.cell(*s).state == validate::ValueState::Entered) {
                code_ = c;
                break;
            }
    }
    update_chart();
}

void HistoryPanel::select_code(const std::string& code) {
    auto it = std::find(codes_.begin(), codes_.end(), code);
    if (it == codes_.end()) return;
    code_ = code;
    const long i = static_cast<long>(it - codes_.begin());
    table_->SetItemState(i, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    table_->EnsureVisible(i);
    update_chart();
}

void HistoryPanel::update_chart() {
    if (code_.empty()) {
        chart_->set_series({}, {}, false);
        return;
    }
    history::Context empty;
    const history::Context& ctx = context_ ? *context_ : empty;
    auto series = ctx.series(session_.report(), session_.evaluation(), code_);
    if (!series) {
        chart_->set_series({}, {}, false);
        return;
    }
    bool outlier = false;
    for (const auto& f : session_.findings().findings)
        if (f.key == "history.outlier:" + code_) outlier = true;
    const auto* ind = session_.type().indicator(code_);
    const std::string title = ind ? code_ + " — " + ind->label.get() + (ind->unit.empty() ? "" : " (" + ind->unit + ")") : code_;
    chart_->set_series(title, std::move(*series), outlier);
}

}  // namespace rb::desktop
