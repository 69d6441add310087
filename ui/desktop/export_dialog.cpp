#include <wx/dirdlg.h>
#include <wx/mimetype.h>
#include <wx/sizer.h>
#include <wx/utils.h>

#include <filesystem>
#include <map>

#include "dialogs.hpp"
#include "i18n/i18n.hpp"
#include "wx_text.hpp"

#ifdef RB_HAVE_EXPORTERS
#include "export/all/export.hpp"
#include "base/paths.hpp"
#endif

namespace fs = std::filesystem;

namespace rb::desktop {

namespace {
// The last format, recipient's layout and folder each report was exported with, for this run of
// the program: the next export of that report starts from them.
std::map<std::string, LastExport>& last_exports() {
    static std::map<std::string, LastExport> m;
    return m;
}
}  // namespace

#ifdef RB_HAVE_EXPORTERS
// One export of the session's report as `choice` says, remembered as this report's last.
Result<exporting::ExportResult> export_as(const plugin::Registry& registry, const session::EditSession& session,
                                          const LastExport& choice, exporting::Progress progress = {}) {
    exporting::ExportOptions options;
    options.format = choice.format;
    options.profile_id = choice.profile;
    options.output = choice.folder;
    options.previous = session.previous();
    options.progress = std::move(progress);
    auto result = exporting::export_report(registry, session.report(), options);
    if (result && !session.path().empty()) last_exports()[session.path()] = choice;
    return result;
}
#endif

const LastExport* last_export(const std::string& report_path) {
    if (report_path.empty()) return nullptr;
    auto it = last_exports().find(report_path);
    return it == last_exports().end() ? nullptr : &it->second;
}

Result<std::string> export_again(const plugin::Registry& registry, const session::EditSession& session) {
    using R = Result<std::string>;
    const LastExport* last = last_export(session.path());
    if (!last) return R::fail(tr("Báo cáo này chưa được xuất lần nào từ khi mở chương trình; hãy dùng Tệp → Xuất…"));
#ifdef RB_HAVE_EXPORTERS
    if (!paths::is_folder(last->folder)) return R::fail(trf("Thư mục {} không có", last->folder));
    auto result = export_as(registry, session, *last);
    if (!result) return R::fail(result.error());
    return R::ok(result->path);
#else
    (void)registry;
    return R::fail(tr("Bản dựng này không có mô-đun xuất báo cáo."));
#endif
}

ExportDialog::ExportDialog(wxWindow* parent, const plugin::Registry& registry, const session::EditSession& session,
                           const std::string& folder)
    : wxDialog(parent, wxID_ANY, wxs(tr("Xuất báo cáo")), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      registry_(registry),
      session_(session) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* form = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
    form->AddGrowableCol(1, 1);
    form->Add(new wxStaticText(this, wxID_ANY, wxs(tr("Định dạng"))), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    format_ = new wxChoice(this, wxID_ANY);
    form->Add(format_, 1, wxEXPAND);
    form->Add(new wxStaticText(this, wxID_ANY, wxs(tr("Mẫu của nơi nhận"))), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    profile_ = new wxChoice(this, wxID_ANY);
    form->Add(profile_, 1, wxEXPAND);
    form->Add(new wxStaticText(this, wxID_ANY, wxs(tr("Lưu vào thư mục"))), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    auto* folder_row = new wxBoxSizer(wxHORIZONTAL);
    folder_ = new wxTextCtrl(this, wxID_ANY, wxs(folder), wxDefaultPosition, wxSize(FromDIP(380), -1));
    auto* browse = new wxButton(this, wxID_ANY, wxs(tr("Chọn…")));
    folder_row->Add(folder_, 1, wxRIGHT, FromDIP(6));
    folder_row->Add(browse, 0);
    form->Add(folder_row, 1, wxEXPAND);
    top->Add(form, 0, wxEXPAND | wxALL, FromDIP(12));
    gauge_ = new wxGauge(this, wxID_ANY, 100);
    top->Add(gauge_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    status_ = new wxStaticText(this, wxID_ANY, wxString());
    top->Add(status_, 0, wxEXPAND | wxALL, FromDIP(12));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    export_ = new wxButton(this, wxID_ANY, wxs(tr("Xuất")));
    open_folder_ = new wxButton(this, wxID_ANY, wxs(tr("Mở thư mục")));
    auto* close = new wxButton(this, wxID_CANCEL, wxs(tr("Đóng")));
    buttons->Add(export_, 0, wxRIGHT, FromDIP(8));
    buttons->Add(open_folder_, 0, wxRIGHT, FromDIP(8));
    buttons->Add(close, 0);
    top->Add(buttons, 0, wxALIGN_RIGHT | wxALL, FromDIP(12));
    open_folder_->Enable(false);

#ifdef RB_HAVE_EXPORTERS
    const exporting::ExporterRegistry exporters = exporting::all_exporters(registry_);
    for (const auto& e : exporters.all()) {
        format_ids_.push_back(e->id());
        format_->Append(wxs(e->label().get()));
    }
    if (!format_ids_.empty()) format_->SetSelection(0);
    fill_profiles();
    // This report's last export, if it had one in this run of the program.
    if (auto it = last_exports().find(session_.path()); it != last_exports().end() && !session_.path().empty()) {
        for (std::size_t i = 0; i < format_ids_.size(); ++i)
            if (format_ids_[i] == it->second.format) format_->SetSelection(static_cast<int>(i));
        fill_profiles();
        for (std::size_t i = 1; i < profile_ids_.size(); ++i)
            if (profile_ids_[i] == it->second.profile) profile_->SetSelection(static_cast<int>(i));
    }
    export_->SetDefault();
#else
    status_->SetLabel(wxs(tr("Bản dựng này không có mô-đun xuất báo cáo.")));
    export_->Enable(false);
#endif
    SetSizerAndFit(top);

    format_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill_profiles(); });
    browse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxDirDialog dlg(this, wxs(tr("Chọn thư mục lưu tệp xuất")), folder_->GetValue());
        if (dlg.ShowModal() == wxID_OK) folder_->ChangeValue(dlg.GetPath());
    });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { run_export(); });
    open_folder_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (!written_.empty()) wxLaunchDefaultApplication(wxs(paths::parent(written_)));
    });
}


std::string ExportDialog::chosen_profile() const {
    const int p = profile_->GetSelection();
    return p > 0 && static_cast<std::size_t>(p) < profile_ids_.size() ? profile_ids_[static_cast<std::size_t>(p)]
                                                                       : std::string();
}

void ExportDialog::fill_profiles() {
    // The recipient's layout stays when the format changes (a district's "Phụ lục 2" in DOCX,
    // then in Excel): switching format once reset it, and a file went out in the wrong layout.
    const std::string keep = chosen_profile();
    const std::string keep_title = profile_->GetSelection() > 0 ? utf8(profile_->GetStringSelection()) : std::string();
    profile_->Clear();
    profile_ids_.clear();
    profile_ids_.emplace_back();
    profile_->Append(wxs(tr("Bố cục của định nghĩa (không theo mẫu riêng)")));
#ifdef RB_HAVE_EXPORTERS
    const int f = format_->GetSelection();
    const std::string format = f >= 0 ? format_ids_[static_cast<std::size_t>(f)] : std::string();
    for (const auto* p : exporting::profiles_for(registry_, session_.type())) {
        if (!format.empty() && !p->offers(format)) continue;
        profile_ids_.push_back(p->id);
        profile_->Append(wxs(p->recipient.empty() ? p->title.get() : p->title.get() + " — " + p->recipient));
    }
#endif
    int selection = 0;
    for (std::size_t i = 1; i < profile_ids_.size(); ++i)
        if (profile_ids_[i] == keep) selection = static_cast<int>(i);
    profile_->SetSelection(selection);
    // Said, never silent: the layout chosen has no form for this format.
    if (!keep.empty() && selection == 0)
        status_->SetLabel(wxs(trf("Mẫu “{}” không có định dạng {}; tệp sẽ theo bố cục của định nghĩa.", keep_title,
                                  utf8(format_->GetStringSelection()))));
    else
        status_->SetLabel(wxString());
}

Result<std::string> ExportDialog::run_export() {
    using R = Result<std::string>;
#ifdef RB_HAVE_EXPORTERS
    const int f = format_->GetSelection(), p = profile_->GetSelection();
    if (f < 0) return R::fail(tr("Chưa chọn định dạng"));
    const std::string folder = utf8(folder_->GetValue());
    std::error_code ec;
    if (!paths::is_folder(folder)) {
        const std::string message = trf("Thư mục {} không có", folder);
        status_->SetLabel(wxs(message));
        return R::fail(message);
    }
    const LastExport choice{format_ids_[static_cast<std::size_t>(f)],
                            p > 0 ? profile_ids_[static_cast<std::size_t>(p)] : std::string(), folder};
    export_->Enable(false);
    auto result = export_as(registry_, session_, choice, [this](double fraction, const std::string& stage) {
        gauge_->SetValue(static_cast<int>(fraction * 100));
        status_->SetLabel(wxs(stage));
        wxYieldIfNeeded();
    });
    export_->Enable(true);
    if (!result) {
        gauge_->SetValue(0);
        status_->SetLabel(wxs(result.error()));
        Layout();
        return R::fail(result.error());
    }
    gauge_->SetValue(100);
    written_ = result->path;
    std::string message = trf("Đã xuất {}", result->path);
    if (result->errors > 0) message += "\n" + trf("Lưu ý: báo cáo còn {} lỗi.", result->errors);
    status_->SetLabel(wxs(message));
    open_folder_->Enable(true);
    Fit();
    return R::ok(result->path);
#else
    return R::fail(tr("Bản dựng này không có mô-đun xuất báo cáo."));
#endif
}

}  // namespace rb::desktop
