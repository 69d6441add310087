#include <wx/datetime.h>
#include <wx/sizer.h>

#include <filesystem>

#include "dialogs.hpp"
#include "i18n/i18n.hpp"
#include "session/new_report.hpp"
#include "wx_text.hpp"
#include "base/paths.hpp"

namespace fs = std::filesystem;

namespace rb::desktop {

namespace {

// The period a user most likely reports next after `p`, among the kinds the type allows.
report::Period next_period(const report::Period& p, const schema::ReportType& t) {
    report::Period n = p;
    switch (p.kind) {
        case report::PeriodKind::Quarter:
            if (p.index < 4) n.index = p.index + 1;
            else n = {report::PeriodKind::Quarter, p.year + 1, 1};
            break;
        case report::PeriodKind::HalfYear: n = {report::PeriodKind::NineMonths, p.year, 0}; break;
        case report::PeriodKind::NineMonths: n = {report::PeriodKind::Year, p.year, 0}; break;
        case report::PeriodKind::Year: n.year = p.year + 1; break;
    }
    if (!t.allows_period(session::period_kind_name(n.kind))) n = {p.kind, p.year + 1, p.index};
    return n;
}

}  // namespace

NewReportDialog::NewReportDialog(wxWindow* parent, const plugin::Registry& registry,
                                 const session::Workspace& workspace, const std::optional<report::UnitProfile>& profile)
    : wxDialog(parent, wxID_ANY, wxs(tr("Tạo báo cáo mới")), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      registry_(registry),
      workspace_(workspace),
      profile_(profile) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    fresh_ = new wxRadioButton(this, wxID_ANY, wxs(tr("Báo cáo mới")), wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    carry_ = new wxRadioButton(this, wxID_ANY,
                               wxs(tr("Tiếp nối một báo cáo kỳ trước (mang sang phần văn bản và thông tin đơn vị, "
                                      "không mang số liệu)")));
    top->Add(fresh_, 0, wxALL, FromDIP(8));
    top->Add(carry_, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));

    auto* form = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
    form->AddGrowableCol(1, 1);
    auto label = [&](const char* text) {
        form->Add(new wxStaticText(this, wxID_ANY, wxs(text)), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    };
    label(tr("Báo cáo kỳ trước"));
    previous_choice_ = new wxChoice(this, wxID_ANY);
    for (const auto& s : workspace_.reports()) {
        if (!s.readable || !registry_.find(s.type_id)) continue;
        previous_paths_.push_back(s.path);
        previous_choice_->Append(wxs(trf("{} · {} · {}", s.type_title, s.period.label(i18n::language()), s.unit)));
    }
    form->Add(previous_choice_, 1, wxEXPAND);
    label(tr("Loại báo cáo"));
    kind_ = new wxChoice(this, wxID_ANY);
    for (const auto& e : registry_.types()) {
        if (std::find(kind_ids_.begin(), kind_ids_.end(), e.type->id) != kind_ids_.end()) continue;
        kind_ids_.push_back(e.type->id);
        kind_->Append(wxs(e.type->title.get()));
    }
    form->Add(kind_, 1, wxEXPAND);
    label(tr("Ấn bản (mẫu của tỉnh, năm)"));
    edition_ = new wxChoice(this, wxID_ANY);
    form->Add(edition_, 1, wxEXPAND);
    label(tr("Kỳ của báo cáo"));
    auto* period_row = new wxBoxSizer(wxHORIZONTAL);
    period_ = new wxChoice(this, wxID_ANY);
    year_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 2000, 2100,
                           wxDateTime::Today().GetYear());
    period_row->Add(period_, 1, wxRIGHT, FromDIP(8));
    period_row->Add(new wxStaticText(this, wxID_ANY, wxs(tr("năm"))), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    period_row->Add(year_, 0);
    form->Add(period_row, 1, wxEXPAND);
    label(tr("Tên đơn vị (xã, phường)"));
    unit_ = new wxTextCtrl(this, wxID_ANY);
    form->Add(unit_, 1, wxEXPAND);
    label(tr("Đơn vị cấp trên"));
    parent_ = new wxTextCtrl(this, wxID_ANY);
    form->Add(parent_, 1, wxEXPAND);
    label(tr("Tỉnh"));
    province_ = new wxTextCtrl(this, wxID_ANY);
    form->Add(province_, 1, wxEXPAND);
    label(tr("Tệp báo cáo"));
    path_ctrl_ = new wxTextCtrl(this, wxID_ANY);
    form->Add(path_ctrl_, 1, wxEXPAND);
    top->Add(form, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));

    if (profile_) {
        unit_->ChangeValue(wxs(profile_->unit.name));
        parent_->ChangeValue(wxs(profile_->unit.parent));
        province_->ChangeValue(wxs(profile_->unit.province));
    } else {
        auto* hint = new wxStaticText(this, wxID_ANY,
                                      wxs(tr("Mẹo: lưu thông tin đơn vị một lần (Công cụ → Thông tin đơn vị) để mọi "
                                             "báo cáo mới tự điền người ký và nơi nhận.")));
        hint->Wrap(FromDIP(520));
        top->Add(hint, 0, wxALL, FromDIP(12));
    }
    error_ = new wxStaticText(this, wxID_ANY, wxString());
    error_->SetForegroundColour(wxColour(180, 0, 0));
    top->Add(error_, 0, wxEXPAND | wxALL, FromDIP(12));

    auto* buttons = new wxStdDialogButtonSizer;
    auto* ok = new wxButton(this, wxID_OK, wxs(tr("Tạo báo cáo")));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, wxs(tr("Hủy"))));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizerAndFit(top);
    SetSize(wxSize(std::max(GetSize().x, FromDIP(640)), GetSize().y));

    if (!kind_ids_.empty()) kind_->SetSelection(0);
    if (!previous_paths_.empty()) previous_choice_->SetSelection(0);
    carry_->Enable(!previous_paths_.empty());
    fill_editions();
    update_mode();

    fresh_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { update_mode(); });
    carry_->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { update_mode(); });
    kind_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill_editions(); });
    edition_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill_periods(); });
    previous_choice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { update_mode(); });
    period_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { suggest_path(); });
    year_->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { suggest_path(); });
    year_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { suggest_path(); });
    unit_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { suggest_path(); });
    path_ctrl_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!suggesting_) path_edited_ = true;
    });
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (build()) EndModal(wxID_OK);
    });
}

void NewReportDialog::fill_editions() {
    edition_->Clear();
    edition_ids_.clear();
    const int k = kind_->GetSelection();
    if (k >= 0) {
        for (const auto& t : registry_.editions(kind_ids_[static_cast<std::size_t>(k)])) {
            edition_ids_.push_back(t->edition);
            edition_->Append(wxs(t->edition_title.get().empty() ? t->edition : t->edition_title.get()));
        }
    }
    if (!edition_ids_.empty()) edition_->SetSelection(0);
    fill_periods();
}

void NewReportDialog::fill_periods() {
    const int previous_selection = period_->GetSelection();
    const std::string previous_suffix =
        previous_selection >= 0 ? period_suffixes_[static_cast<std::size_t>(previous_selection)] : std::string();
    period_->Clear();
    period_suffixes_.clear();
    const int k = kind_->GetSelection(), e = edition_->GetSelection();
    if (k >= 0 && e >= 0) {
        auto t = registry_.find(kind_ids_[static_cast<std::size_t>(k)], edition_ids_[static_cast<std::size_t>(e)]);
        auto add = [&](const char* label, const char* suffix) {
            period_->Append(wxs(label));
            period_suffixes_.emplace_back(suffix);
        };
        if (t && t->allows_period("quarter")) {
            add(tr("Quý I"), "Q1");
            add(tr("Quý II"), "Q2");
            add(tr("Quý III"), "Q3");
            add(tr("Quý IV"), "Q4");
        }
        if (t && t->allows_period("half-year")) add(tr("6 tháng đầu năm"), "H1");
        if (t && t->allows_period("nine-months")) add(tr("9 tháng đầu năm"), "9M");
        if (t && t->allows_period("year")) add(tr("Cả năm"), "");
    }
    int select = 0;  // the first period the type allows, unless one was chosen before
    for (std::size_t i = 0; previous_selection >= 0 && i < period_suffixes_.size(); ++i)
        if (period_suffixes_[i] == previous_suffix) select = static_cast<int>(i);
    if (!period_suffixes_.empty()) period_->SetSelection(select);
    suggest_path();
}

void NewReportDialog::update_mode() {
    const bool carry = carry_->GetValue();
    previous_choice_->Enable(carry);
    kind_->Enable(!carry);
    unit_->Enable(!carry);
    parent_->Enable(!carry);
    province_->Enable(!carry);
    if (carry && previous_choice_->GetSelection() >= 0) {
        auto prev = report::load(previous_paths_[static_cast<std::size_t>(previous_choice_->GetSelection())]);
        if (prev) {
            for (std::size_t i = 0; i < kind_ids_.size(); ++i)
                if (kind_ids_[i] == prev->type_id) kind_->SetSelection(static_cast<int>(i));
            fill_editions();
            for (std::size_t i = 0; i < edition_ids_.size(); ++i)
                if (edition_ids_[i] == prev->edition) edition_->SetSelection(static_cast<int>(i));
            fill_periods();
            if (auto t = registry_.find(prev->type_id, prev->edition)) {
                const auto next = next_period(prev->period, *t);
                year_->SetValue(next.year);
                const std::string code = next.code();
                const std::string suffix = code.size() > 5 ? code.substr(5) : std::string();
                for (std::size_t i = 0; i < period_suffixes_.size(); ++i)
                    if (period_suffixes_[i] == suffix) period_->SetSelection(static_cast<int>(i));
            }
            unit_->ChangeValue(wxs(prev->unit.name));
            parent_->ChangeValue(wxs(prev->unit.parent));
            province_->ChangeValue(wxs(prev->unit.province));
        }
    }
    suggest_path();
}

std::optional<report::Period> NewReportDialog::chosen_period() const {
    const int p = period_->GetSelection();
    if (p < 0) return std::nullopt;
    const std::string& suffix = period_suffixes_[static_cast<std::size_t>(p)];
    const std::string code = std::to_string(year_->GetValue()) + (suffix.empty() ? "" : "-" + suffix);
    auto period = report::Period::parse(code);
    if (!period) return std::nullopt;
    return *period;
}

void NewReportDialog::suggest_path() {
    if (path_edited_ || !path_ctrl_) return;
    const int k = kind_->GetSelection();
    const auto period = chosen_period();
    if (k < 0 || !period) return;
    report::Report r;
    r.type_id = kind_ids_[static_cast<std::size_t>(k)];
    r.period = *period;
    r.unit.name = utf8(unit_->GetValue());
    suggesting_ = true;
    path_ctrl_->ChangeValue(wxs(paths::join(workspace_.folder(), session::suggested_file_name(r))));
    suggesting_ = false;
}

bool NewReportDialog::build() {
    auto fail = [this](const std::string& message) {
        error_->SetLabel(wxs(message));
        error_->Wrap(GetClientSize().x - FromDIP(24));
        Layout();
        return false;
    };
    const int k = kind_->GetSelection(), e = edition_->GetSelection();
    if (k < 0 || e < 0) return fail(tr("Chưa chọn loại báo cáo"));
    const auto period = chosen_period();
    if (!period) return fail(tr("Chưa chọn kỳ báo cáo"));
    path_ = utf8(path_ctrl_->GetValue());
    if (path_.empty()) return fail(tr("Chưa có tên tệp báo cáo"));
    if (paths::fs_path(path_).extension() != ".rbr") path_ += ".rbr";
    std::error_code ec;
    if (fs::exists(paths::fs_path(path_), ec)) return fail(trf("Tệp {} đã có; hãy chọn tên khác hoặc mở tệp đó", path_));

    const std::string type_id = kind_ids_[static_cast<std::size_t>(k)];
    const std::string edition = edition_ids_[static_cast<std::size_t>(e)];
    if (carry_->GetValue()) {
        const int p = previous_choice_->GetSelection();
        if (p < 0) return fail(tr("Chưa chọn báo cáo kỳ trước"));
        auto prev = report::load(previous_paths_[static_cast<std::size_t>(p)]);
        if (!prev) return fail(prev.error());
        auto r = session::make_from_previous(registry_, *prev, *period, edition);
        if (!r) return fail(r.error());
        result_ = std::move(*r);
        // The report it follows feeds the cumulative checks when it is the period just before.
        if (period->previous() && *period->previous() == prev->period) previous_ = std::move(*prev);
    } else {
        session::NewReportRequest req;
        req.type_id = type_id;
        req.edition = edition;
        req.period = *period;
        req.unit.name = utf8(unit_->GetValue());
        req.unit.parent = utf8(parent_->GetValue());
        req.unit.province = utf8(province_->GetValue());
        if (profile_) {
            req.unit.kind = profile_->unit.kind;
            if (req.unit.parent == profile_->unit.parent) req.unit.parent_kind = profile_->unit.parent_kind;
            req.unit.former_names = profile_->unit.former_names;
        }
        req.profile = profile_;
        auto r = session::make_new_report(registry_, req);
        if (!r) return fail(r.error());
        result_ = std::move(*r);
    }
    fs::create_directories(paths::fs_path(path_).parent_path(), ec);
    return true;
}

}  // namespace rb::desktop
