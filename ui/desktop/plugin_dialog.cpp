#include <wx/listctrl.h>
#include <wx/sizer.h>

#include "dialogs.hpp"
#include "i18n/i18n.hpp"
#include "wx_text.hpp"

namespace rb::desktop {

PluginDialog::PluginDialog(wxWindow* parent, const plugin::Registry& registry)
    : wxDialog(parent, wxID_ANY, wxs(tr("Plugin")), wxDefaultPosition, wxSize(FromDIP(900), FromDIP(560)),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(new wxStaticText(this, wxID_ANY, wxs(trf("Plugin đã nạp ({})", registry.plugins().size()))), 0,
             wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    auto* loaded = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    loaded->AppendColumn(wxs(tr("Mã")), wxLIST_FORMAT_LEFT, FromDIP(90));
    loaded->AppendColumn(wxs(tr("Phiên bản")), wxLIST_FORMAT_LEFT, FromDIP(80));
    loaded->AppendColumn(wxs(tr("Tên")), wxLIST_FORMAT_LEFT, FromDIP(330));
    loaded->AppendColumn(wxs(tr("Loại báo cáo (ấn bản)")), wxLIST_FORMAT_LEFT, FromDIP(260));
    loaded->AppendColumn(wxs(tr("Thư viện")), wxLIST_FORMAT_LEFT, FromDIP(120));
    for (const auto& p : registry.plugins()) {
        const long row = loaded->InsertItem(loaded->GetItemCount(), wxs(p.id));
        loaded->SetItem(row, 1, wxs(p.version));
        loaded->SetItem(row, 2, wxs(p.name.get()));
        std::string types;
        for (const auto& k : p.type_keys) types += (types.empty() ? "" : ", ") + k;
        loaded->SetItem(row, 3, wxs(types));
        loaded->SetItem(row, 4, wxs(p.library.empty() ? std::string(tr("(không có)")) : p.library));
    }
    top->Add(loaded, 2, wxEXPAND | wxALL, FromDIP(10));

    top->Add(new wxStaticText(this, wxID_ANY, wxs(trf("Plugin không nạp được ({})", registry.failures().size()))), 0,
             wxLEFT | wxRIGHT, FromDIP(10));
    auto* failed = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    failed->AppendColumn(wxs(tr("Thư mục")), wxLIST_FORMAT_LEFT, FromDIP(300));
    failed->AppendColumn(wxs(tr("Lý do")), wxLIST_FORMAT_LEFT, FromDIP(560));
    for (const auto& f : registry.failures()) {
        const long row = failed->InsertItem(failed->GetItemCount(), wxs(f.folder));
        failed->SetItem(row, 1, wxs(f.reason));
    }
    top->Add(failed, 1, wxEXPAND | wxALL, FromDIP(10));

    if (!registry.conflicts().empty()) {
        std::string text;
        for (const auto& c : registry.conflicts()) text += (text.empty() ? "" : "\n") + c;
        top->Add(new wxStaticText(this, wxID_ANY, wxs(tr("Xung đột:"))), 0, wxLEFT | wxRIGHT, FromDIP(10));
        top->Add(new wxTextCtrl(this, wxID_ANY, wxs(text), wxDefaultPosition, wxSize(-1, FromDIP(70)),
                                wxTE_MULTILINE | wxTE_READONLY),
                 0, wxEXPAND | wxALL, FromDIP(10));
    }
    auto* buttons = new wxStdDialogButtonSizer;
    buttons->AddButton(new wxButton(this, wxID_OK, wxs(tr("Đóng"))));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizer(top);
}

}  // namespace rb::desktop
