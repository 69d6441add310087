#include <wx/sizer.h>
#include <wx/tokenzr.h>

#include "dialogs.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "wx_text.hpp"

namespace rb::desktop {

UnitProfileDialog::UnitProfileDialog(wxWindow* parent, const report::UnitProfile& initial)
    : wxDialog(parent, wxID_ANY, wxs(tr("Thông tin đơn vị")), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      profile_(initial) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   wxs(tr("Thông tin này được lưu một lần và điền sẵn vào mọi báo cáo mới.")));
    top->Add(intro, 0, wxALL, FromDIP(12));
    auto* form = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
    form->AddGrowableCol(1, 1);
    std::string recipients;
    for (const auto& r : initial.recipients) recipients += (recipients.empty() ? "" : "\n") + r;
    std::string former;
    for (const auto& f : initial.unit.former_names) former += (former.empty() ? "" : "\n") + f;
    const std::pair<const char*, std::pair<const char*, std::string>> rows[] = {
        {"name", {tr("Tên đơn vị (xã, phường)"), initial.unit.name}},
        {"kind", {tr("Loại đơn vị (xã, phường, thị trấn)"), initial.unit.kind}},
        {"parent", {tr("Đơn vị cấp trên (huyện; để trống nếu báo cáo thẳng lên tỉnh)"), initial.unit.parent}},
        {"parent_kind", {tr("Loại đơn vị cấp trên (huyện, thị xã, thành phố)"), initial.unit.parent_kind}},
        {"province", {tr("Tỉnh"), initial.unit.province}},
        {"former", {tr("Tên cũ: các xã hợp thành đơn vị khi sáp nhập (mỗi tên một dòng)"), former}},
        {"place", {tr("Địa danh ghi ở dòng ngày tháng"), initial.place}},
        {"authority", {tr("Thẩm quyền ký"), initial.signing_authority}},
        {"title", {tr("Chức vụ người ký"), initial.signer_title}},
        {"signer", {tr("Người ký"), initial.signer_name}},
        {"recipients", {tr("Nơi nhận (mỗi nơi một dòng)"), recipients}},
    };
    for (const auto& [key, spec] : rows) {
        form->Add(new wxStaticText(this, wxID_ANY, wxs(spec.first)), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
        const bool multi = std::string_view(key) == "recipients" || std::string_view(key) == "former";
        const int height = std::string_view(key) == "former" ? 60 : 140;
        auto* ctrl = new wxTextCtrl(this, wxID_ANY, wxs(spec.second), wxDefaultPosition,
                                    multi ? wxSize(FromDIP(360), FromDIP(height)) : wxSize(FromDIP(360), -1),
                                    multi ? wxTE_MULTILINE : 0);
        fields_[key] = ctrl;
        form->Add(ctrl, 1, wxEXPAND);
    }
    top->Add(form, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    error_ = new wxStaticText(this, wxID_ANY, wxString());
    error_->SetForegroundColour(wxColour(180, 0, 0));
    top->Add(error_, 0, wxEXPAND | wxALL, FromDIP(12));
    auto* buttons = new wxStdDialogButtonSizer;
    auto* ok = new wxButton(this, wxID_OK, wxs(tr("Lưu")));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, wxs(tr("Hủy"))));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizerAndFit(top);

    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        auto get = [this](const char* key) { return locale::to_nfc(utf8(fields_[key]->GetValue().Strip(wxString::both))); };
        report::UnitProfile p = profile_;
        p.unit.name = get("name");
        p.unit.kind = get("kind");
        p.unit.parent = get("parent");
        p.unit.parent_kind = get("parent_kind");
        p.unit.province = get("province");
        p.place = get("place");
        p.signing_authority = get("authority");
        p.signer_title = get("title");
        p.signer_name = get("signer");
        auto lines_of = [this](const char* key) {
            std::vector<std::string> out;
            wxStringTokenizer lines(fields_[key]->GetValue(), "\n");
            while (lines.HasMoreTokens()) {
                std::string line = locale::to_nfc(utf8(lines.GetNextToken().Strip(wxString::both)));
                if (!line.empty()) out.push_back(line);
            }
            return out;
        };
        p.recipients = lines_of("recipients");
        p.unit.former_names = lines_of("former");
        if (p.unit.name.empty()) {
            error_->SetLabel(wxs(tr("Chưa có tên đơn vị (xã, phường) của báo cáo")));
            Layout();
            return;
        }
        if (p.unit.kind.empty()) p.unit.kind = "xã";
        profile_ = std::move(p);
        EndModal(wxID_OK);
    });
}

}  // namespace rb::desktop
