#include <wx/sizer.h>

#include <filesystem>

#include "dialogs.hpp"
#include "i18n/i18n.hpp"
#include "wx_text.hpp"
#include "base/paths.hpp"

namespace rb::desktop {

RecoveryDialog::RecoveryDialog(wxWindow* parent, const std::vector<session::Recovery>& pending)
    : wxDialog(parent, wxID_ANY, wxs(tr("Khôi phục thay đổi chưa lưu")), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   wxs(tr("Lần trước chương trình đã đóng đột ngột (mất điện hoặc lỗi). Các thay đổi chưa "
                                          "lưu dưới đây đã được giữ lại. Chọn những báo cáo muốn khôi phục; sau đó hãy "
                                          "lưu chúng.")));
    intro->Wrap(FromDIP(560));
    top->Add(intro, 0, wxALL, FromDIP(12));
    list_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(560), FromDIP(160)));
    for (const auto& r : pending) {
        std::string file = r.original_path.empty() ? std::string(tr("(báo cáo chưa lưu)"))
                                                   : paths::file_name(r.original_path);
        std::string when = r.written;
        if (when.size() >= 19) when = when.substr(0, 10) + " " + when.substr(11, 8) + " UTC";
        list_->Append(wxs(trf("{} — {} · {} (lưu tạm lúc {})", file, r.unit, r.period, when)));
        list_->Check(list_->GetCount() - 1, true);
    }
    top->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* recover = new wxButton(this, wxID_OK, wxs(tr("Khôi phục")));
    auto* remove = new wxButton(this, wxID_DELETE, wxs(tr("Xóa bản lưu tạm")));
    auto* later = new wxButton(this, wxID_CANCEL, wxs(tr("Để sau")));
    recover->SetDefault();
    buttons->Add(recover, 0, wxRIGHT, FromDIP(8));
    buttons->Add(remove, 0, wxRIGHT, FromDIP(8));
    buttons->Add(later, 0);
    top->Add(buttons, 0, wxALIGN_RIGHT | wxALL, FromDIP(12));
    SetSizerAndFit(top);
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_DELETE); });
}

std::vector<std::size_t> RecoveryDialog::checked() const {
    std::vector<std::size_t> out;
    for (unsigned i = 0; i < list_->GetCount(); ++i)
        if (list_->IsChecked(i)) out.push_back(i);
    return out;
}

}  // namespace rb::desktop
