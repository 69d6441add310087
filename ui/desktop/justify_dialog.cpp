#include <wx/sizer.h>

#include "dialogs.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "wx_text.hpp"

namespace rb::desktop {

JustifyDialog::JustifyDialog(wxWindow* parent, const std::string& warning, const std::string& place,
                             const std::string& initial)
    : wxDialog(parent, wxID_ANY, wxs(tr("Giải trình cảnh báo")), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    const int width = FromDIP(520);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* heading = new wxStaticText(this, wxID_ANY, wxs(tr("Cảnh báo")));
    wxFont bold = heading->GetFont();
    bold.SetWeight(wxFONTWEIGHT_BOLD);
    heading->SetFont(bold);
    top->Add(heading, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    auto* message = new wxStaticText(this, wxID_ANY, wxs(warning));
    message->Wrap(width);
    top->Add(message, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    auto* where = new wxStaticText(this, wxID_ANY, wxs(trf("Vị trí: {}", place)));
    where->SetForegroundColour(wxColour(90, 90, 90));
    top->Add(where, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    auto* label = new wxStaticText(
        this, wxID_ANY,
        wxs(tr("Lý do chấp nhận số liệu này (được ghi vào báo cáo, nơi nhận đọc được):")));
    label->Wrap(width);
    top->Add(label, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    text_ = new wxTextCtrl(this, wxID_ANY, wxs(initial), wxDefaultPosition, wxSize(width, FromDIP(110)),
                           wxTE_MULTILINE | wxTE_WORDWRAP);
    text_->SetHint(wxs(tr("Ví dụ: Trong kỳ không phát sinh hồ sơ nên để trống.")));
    top->Add(text_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    error_ = new wxStaticText(this, wxID_ANY, wxString());
    error_->SetForegroundColour(wxColour(180, 0, 0));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    auto* buttons = new wxStdDialogButtonSizer;
    auto* ok = new wxButton(this, wxID_OK, wxs(tr("Ghi giải trình")));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, wxs(tr("Hủy"))));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizerAndFit(top);
    text_->SetFocus();
    text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!error_->GetLabel().empty()) error_->SetLabel(wxString());
    });

    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (text().empty()) {
            error_->SetLabel(wxs(tr("Hãy ghi lý do giải trình.")));
            Layout();
            return;
        }
        EndModal(wxID_OK);
    });
}

std::string JustifyDialog::text() const { return locale::to_nfc(utf8(text_->GetValue().Strip(wxString::both))); }

}  // namespace rb::desktop
