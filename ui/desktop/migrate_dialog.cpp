#include <wx/listctrl.h>
#include <wx/sizer.h>

#include <algorithm>
#include <filesystem>

#include "dialogs.hpp"
#include "first_start_dialog.hpp"
#include "i18n/i18n.hpp"
#include "wx_text.hpp"
#include "base/paths.hpp"

namespace fs = std::filesystem;

namespace rb::desktop {

namespace {

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string edition_label(const schema::ReportType& t) {
    return t.edition_title.get().empty() ? t.edition : t.edition_title.get();
}

}  // namespace

MigrateDialog::MigrateDialog(wxWindow* parent, const plugin::Registry& registry, const report::Report& report,
                             const std::string& path)
    : wxDialog(parent, wxID_ANY, wxs(tr("Chuyển báo cáo sang ấn bản khác")), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      registry_(registry),
      old_(report),
      old_path_(path) {
    from_ = registry_.find(report.type_id, report.edition);
    auto* top = new wxBoxSizer(wxVERTICAL);
    const std::string current = from_ ? edition_label(*from_) : report.edition;
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        wxs(trf("Báo cáo đang theo ấn bản {}. Một báo cáo mới theo ấn bản được chọn sẽ được tạo từ nó; "
                "báo cáo này được giữ nguyên.",
                current)));
    intro->Wrap(FromDIP(680));
    top->Add(intro, 0, wxALL, FromDIP(12));

    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(this, wxID_ANY, wxs(tr("Ấn bản mới:"))), 0, wxALIGN_CENTER_VERTICAL);
    edition_ = new wxChoice(this, wxID_ANY);
    grid->Add(edition_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, wxs(tr("Lưu thành tệp:"))), 0, wxALIGN_CENTER_VERTICAL);
    path_ = new wxTextCtrl(this, wxID_ANY);
    grid->Add(path_, 1, wxEXPAND);
    // A plain name is saved beside the original; a path is taken as it is.
    folder_ = paths::fs_path(path).parent_path();
    grid->AddSpacer(0);
    auto* where = new wxStaticText(this, wxID_ANY, wxs(trf("trong thư mục {}", display_folder(paths::text_of(folder_)))));
    where->SetForegroundColour(wxColour(90, 90, 90));
    grid->Add(where, 1, wxEXPAND);
    top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));

    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    top->Add(summary_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    items_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(720), FromDIP(300)),
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    items_->InsertColumn(0, wxs(tr("Cần xem")), wxLIST_FORMAT_LEFT, FromDIP(70));
    items_->InsertColumn(1, wxs(tr("Từ")), wxLIST_FORMAT_LEFT, FromDIP(90));
    items_->InsertColumn(2, wxs(tr("Sang")), wxLIST_FORMAT_LEFT, FromDIP(90));
    items_->InsertColumn(3, wxs(tr("Giá trị cũ")), wxLIST_FORMAT_LEFT, FromDIP(90));
    items_->InsertColumn(4, wxs(tr("Giá trị mới")), wxLIST_FORMAT_LEFT, FromDIP(90));
    items_->InsertColumn(5, wxs(tr("Ghi chú")), wxLIST_FORMAT_LEFT, FromDIP(290));
    top->Add(items_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    // The selected row's note in full: the list cuts long ones.
    detail_ = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(720), FromDIP(54)));
    top->Add(detail_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));

    error_ = new wxStaticText(this, wxID_ANY, wxString());
    error_->SetForegroundColour(wxColour(180, 0, 0));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, wxs(tr("Tạo báo cáo mới")));
    ok_->SetDefault();
    buttons->AddButton(ok_);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, wxs(tr("Hủy"))));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizerAndFit(top);

    // Every other edition of the type; the first that declares a mapping from this one first.
    for (const auto& t : registry_.editions(report.type_id))
        if (t->edition != report.edition) editions_.push_back(t);
    std::stable_partition(editions_.begin(), editions_.end(),
                          [&](const schema::ReportTypePtr& t) { return t->migration_from(report.edition) != nullptr; });
    for (const auto& t : editions_) edition_->Append(wxs(edition_label(*t)));
    if (!editions_.empty()) edition_->SetSelection(0);
    preview();

    edition_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { preview(); });
    items_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { show_detail(e.GetIndex()); });
    path_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!suggesting_) path_edited_ = true;
        if (!error_->GetLabel().empty()) error_->SetLabel(wxString());
    });
    ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (accept()) EndModal(wxID_OK);
    });
    edition_->SetFocus();
}

void MigrateDialog::preview() {
    items_->DeleteAllItems();
    listed_.clear();
    result_.reset();
    detail_->SetLabel(wxString());
    error_->SetLabel(wxString());
    const int k = edition_->GetSelection();
    if (!from_ || k < 0) {
        summary_->SetLabel(wxs(from_ ? tr("Loại báo cáo này chưa có ấn bản nào khác được cài đặt.")
                                     : trf("Ấn bản {} của báo cáo chưa được cài đặt.", old_.edition)));
        ok_->Enable(false);
        return;
    }
    const auto& to = editions_[static_cast<std::size_t>(k)];
    if (!path_edited_) {
        // Like the command line: name-EDITION.rbr.
        const std::string stem = old_path_.empty() ? old_.type_id : paths::text_of(paths::fs_path(old_path_).stem());
        suggesting_ = true;
        path_->SetValue(wxs(stem + "-" + to->edition + ".rbr"));
        suggesting_ = false;
    }
    auto m = migrate::migrate(old_, *from_, *to);
    if (!m) {
        summary_->SetLabel(wxs(m.error()));
        summary_->Wrap(FromDIP(720));
        ok_->Enable(false);
        Layout();
        return;
    }
    int carried = 0, sections = 0;
    for (const auto& i : m->summary) {
        if (i.kind == migrate::ItemKind::Carried && !i.attention) ++carried;
        if (i.kind == migrate::ItemKind::NarrativeCarried) ++sections;
    }
    // What needs the user first, then the other changes; what carried as it was is only counted.
    listed_.clear();
    for (bool attention : {true, false})
        for (std::size_t k = 0; k < m->summary.size(); ++k)
            if (!m->summary[k].message.empty() && m->summary[k].attention == attention) listed_.push_back(k);
    long row = 0;
    for (const std::size_t k : listed_) {
        const auto& i = m->summary[k];
        items_->InsertItem(row, i.attention ? wxs(tr("Cần xem")) : wxString());
        items_->SetItem(row, 1, wxs(joined(i.from)));
        items_->SetItem(row, 2, wxs(joined(i.to)));
        items_->SetItem(row, 3, wxs(i.old_value));
        items_->SetItem(row, 4, wxs(i.new_value));
        items_->SetItem(row, 5, wxs(i.message));
        if (i.attention) items_->SetItemTextColour(row, wxColour(170, 60, 20));
        ++row;
    }
    summary_->SetLabel(wxs(trf("{} giá trị và {} mục chuyển nguyên; {} thay đổi được liệt kê dưới đây, {} mục cần xem lại "
                               "trước khi hoàn thành.",
                               carried, sections, row, m->attention())));
    summary_->Wrap(FromDIP(720));
    ok_->Enable(true);
    result_ = std::move(*m);
    if (row > 0) items_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                      wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    show_detail(row > 0 ? 0 : -1);
    Layout();
}

void MigrateDialog::show_detail(long row) {
    if (!result_ || row < 0 || static_cast<std::size_t>(row) >= listed_.size()) {
        detail_->SetLabel(wxString());
        return;
    }
    detail_->SetLabel(wxs(result_->summary[listed_[static_cast<std::size_t>(row)]].message));
    detail_->Wrap(FromDIP(720));
}

bool MigrateDialog::accept() {
    auto refuse = [this](const std::string& message) {
        error_->SetLabel(wxs(message));
        error_->Wrap(FromDIP(720));
        Layout();
        return false;
    };
    if (!result_) return refuse(tr("Chưa chọn được ấn bản để chuyển sang."));
    std::string path = utf8(path_->GetValue().Strip(wxString::both));
    if (path.empty()) return refuse(tr("Hãy nhập tên tệp cho báo cáo mới."));
    if (paths::fs_path(path).extension() != ".rbr") path += ".rbr";
    if (paths::fs_path(path).is_relative()) path = paths::text_of(folder_ / paths::fs_path(path));
    std::error_code ec;
    // Never over a file: the original and any earlier migration stay as they are.
    if (fs::exists(paths::fs_path(path), ec))
        return refuse(trf("Tệp {} đã có; hãy chọn tên khác (báo cáo gốc và tệp đó được giữ nguyên).", path));
    path_chosen_ = path;
    return true;
}

}  // namespace rb::desktop
