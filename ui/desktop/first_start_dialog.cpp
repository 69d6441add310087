#include "first_start_dialog.hpp"

#include <fmt/format.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <cstdlib>
#include <filesystem>

#include "i18n/i18n.hpp"
#include "wx_text.hpp"
#include "base/paths.hpp"

namespace rb::desktop {

std::string display_folder(const std::string& folder) {
    const char* home = std::getenv("HOME");
    if (!home || *home != '/') return folder;
    std::string h = home;
    while (h.size() > 1 && h.back() == '/') h.pop_back();
    if (folder == h) return "~";
    if (folder.size() > h.size() && folder.compare(0, h.size(), h) == 0 && folder[h.size()] == '/')
        return "~" + folder.substr(h.size());
    return folder;
}

FirstStartDialog::FirstStartDialog(wxWindow* parent, const std::string& folder,
                                   const std::vector<session::Sample>& samples)
    : wxDialog(parent, wxID_ANY, wxs(tr("Chào mừng đến với ReportBench"))) {
    const int width = FromDIP(520);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* heading = new wxStaticText(this, wxID_ANY, wxs(tr("Thư mục báo cáo chưa có báo cáo nào")));
    wxFont bold = heading->GetFont();
    bold.SetWeight(wxFONTWEIGHT_BOLD);
    bold.Scale(1.15);
    heading->SetFont(bold);
    top->Add(heading, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(14));
    auto* where = new wxStaticText(this, wxID_ANY, wxs(display_folder(folder)), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_MIDDLE);
    where->SetForegroundColour(wxColour(90, 90, 90));
    top->Add(where, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(14));
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        wxs(tr("Bạn có thể bắt đầu với không gian làm việc mẫu: mỗi loại báo cáo một bản đã điền đầy đủ, để "
               "xem thử cách nhập số liệu, đọc kết quả kiểm tra và xuất văn bản trước khi làm báo cáo đầu "
               "tiên của đơn vị. Các báo cáo mẫu sẽ được chép vào thư mục báo cáo:")));
    intro->Wrap(width);
    top->Add(intro, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(14));
    top->AddSpacer(FromDIP(8));
    for (const auto& s : samples) {
        auto* line = new wxStaticText(
            this, wxID_ANY,
            wxs(fmt::format("• {} — {}", s.type_title, paths::file_name(s.path))));
        top->Add(line, 0, wxLEFT | wxRIGHT, FromDIP(24));
        top->AddSpacer(FromDIP(4));
    }
    auto* later = new wxStaticText(
        this, wxID_ANY,
        wxs(tr("Báo cáo mẫu là tệp bình thường: sửa, xóa lúc nào cũng được. Có thể thêm lại sau bằng "
               "Công cụ → Thêm báo cáo mẫu.")));
    later->SetForegroundColour(wxColour(90, 90, 90));
    later->Wrap(width);
    top->Add(later, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(14));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    // Its own answer: closing the window (Esc, the title bar's ×) is no answer, and the
    // question comes back at the next start.
    empty_ = new wxButton(this, wxID_NO, wxs(tr("Bắt đầu với không gian trống")));
    empty_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_NO); });
    // Without a Cancel button wx would take Esc or × for the affirmative answer (the samples).
    SetEscapeId(wxID_CANCEL);
    samples_ = new wxButton(this, wxID_OK, wxs(tr("Mở không gian làm việc mẫu")));
    samples_->SetDefault();
    buttons->AddStretchSpacer();
    buttons->Add(empty_, 0, wxRIGHT, FromDIP(8));
    buttons->Add(samples_, 0);
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(14));
    SetSizerAndFit(top);
    samples_->SetFocus();
}

}  // namespace rb::desktop
