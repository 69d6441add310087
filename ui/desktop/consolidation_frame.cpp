#include "consolidation_frame.hpp"

#include <wx/button.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "i18n/i18n.hpp"
#include "report/report.hpp"
#include "validate/evaluation.hpp"
#include "wx_text.hpp"
#include "base/paths.hpp"

namespace fs = std::filesystem;

namespace rb::desktop {
namespace {

wxListCtrl* make_list(wxWindow* parent, std::initializer_list<std::pair<const char*, int>> columns) {
    auto* l = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    for (const auto& [title, width] : columns) {
        const bool numeric = width < 0;
        l->AppendColumn(wxs(tr(title)), numeric ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT,
                        parent->FromDIP(numeric ? -width : width));
    }
    return l;
}

const char* state_label(consolidate::InputState s) {
    switch (s) {
        case consolidate::InputState::Included: return RB_N_("được tính");
        case consolidate::InputState::Mismatch: return RB_N_("khác loại hoặc kỳ");
        case consolidate::InputState::Duplicate: return RB_N_("trùng đơn vị");
        case consolidate::InputState::Superseded: return RB_N_("đã có bản sửa đổi sau");
        case consolidate::InputState::Copy: return RB_N_("bản sao");
        case consolidate::InputState::Unknown: return RB_N_("không có trong danh sách phải nộp");
        case consolidate::InputState::Unreadable: return RB_N_("không đọc được");
    }
    return "";
}

const char* severity_label(schema::Severity s) {
    switch (s) {
        case schema::Severity::Error: return RB_N_("Lỗi");
        case schema::Severity::Warning: return RB_N_("Cảnh báo");
        case schema::Severity::Info: return RB_N_("Thông tin");
    }
    return "";
}

const char* kind_label(consolidate::IssueKind k) {
    switch (k) {
        case consolidate::IssueKind::Mismatch: return RB_N_("khác loại hoặc kỳ");
        case consolidate::IssueKind::Duplicate: return RB_N_("trùng đơn vị");
        case consolidate::IssueKind::Superseded: return RB_N_("đã có bản sửa đổi sau");
        case consolidate::IssueKind::Copy: return RB_N_("bản sao");
        case consolidate::IssueKind::Unknown: return RB_N_("không có trong danh sách phải nộp");
        case consolidate::IssueKind::Missing: return RB_N_("chưa nộp");
        case consolidate::IssueKind::SpellingDiffers: return RB_N_("tên viết khác");
        case consolidate::IssueKind::UnitCode: return RB_N_("mã và tên đơn vị không khớp danh mục");
        case consolidate::IssueKind::Outlier: return RB_N_("khác xa các đơn vị khác");
        case consolidate::IssueKind::Unreadable: return RB_N_("không đọc được");
    }
    return "";
}

}  // namespace

ConsolidationFrame::ConsolidationFrame(wxWindow* parent, std::shared_ptr<const plugin::Registry> registry,
                                       OpenReport open_report, bool unattended)
    : wxFrame(parent, wxID_ANY, wxs(tr("Tổng hợp báo cáo của các xã")), wxDefaultPosition, wxSize(1100, 720)),
      registry_(std::move(registry)),
      open_report_(std::move(open_report)),
      unattended_(unattended) {
    auto* panel = new wxPanel(this);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto add_button = [&](const char* label, std::function<void()> action) {
        auto* b = new wxButton(panel, wxID_ANY, wxs(tr(label)));
        b->Bind(wxEVT_BUTTON, [action](wxCommandEvent&) { action(); });
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));
        return b;
    };
    add_button(RB_N_("Thêm tệp nộp…"), [this] { choose_files(); });
    add_button(RB_N_("Thêm thư mục…"), [this] { choose_folder(); });
    add_button(RB_N_("Danh sách đơn vị phải nộp…"), [this] { choose_expected(); });
    add_button(RB_N_("Bỏ hết tệp"), [this] { clear_inputs(); });
    buttons->AddStretchSpacer();
    add_button(RB_N_("Mở bảng tổng hợp thành báo cáo…"), [this] { choose_report_path(); });
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(6));
    summary_ = new wxStaticText(panel, wxID_ANY, wxs(tr("Chưa có tệp nào. Thêm các tệp nộp báo cáo (.xml, .json) của các xã.")));
    top->Add(summary_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));

    pages_ = new wxNotebook(panel, wxID_ANY);
    auto* split = new wxSplitterWindow(pages_, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    totals_ = make_list(split, {{RB_N_("Mã"), 80}, {RB_N_("Chỉ tiêu"), 380}, {RB_N_("Đơn vị tính"), 100},
                                {RB_N_("Tổng hợp"), -200}, {RB_N_("Số đơn vị có số liệu"), -150}});
    auto* drill_panel = new wxPanel(split);
    auto* ds = new wxBoxSizer(wxVERTICAL);
    drill_title_ = new wxStaticText(drill_panel, wxID_ANY, wxString());
    ds->Add(drill_title_, 0, wxEXPAND | wxALL, FromDIP(4));
    drill_ = make_list(drill_panel, {{RB_N_("Đơn vị"), 200}, {RB_N_("Số liệu"), -120}, {RB_N_("Tệp"), 260},
                                     {RB_N_("Ghi chú"), 380}});
    ds->Add(drill_, 1, wxEXPAND);
    drill_panel->SetSizer(ds);
    split->SplitHorizontally(totals_, drill_panel, -FromDIP(220));
    split->SetSashGravity(0.6);
    split->SetMinimumPaneSize(FromDIP(80));
    pages_->AddPage(split, wxs(tr("Bảng tổng hợp")), true);
    inputs_ = make_list(pages_, {{RB_N_("Tệp"), 240}, {RB_N_("Đơn vị"), 180}, {RB_N_("Trạng thái"), 170},
                                 {RB_N_("Lỗi"), -60}, {RB_N_("Cảnh báo"), -80}, {RB_N_("Lý do"), 360}});
    pages_->AddPage(inputs_, wxs(tr("Tệp đã nhận")));
    issues_ = make_list(pages_, {{RB_N_("Mức độ"), 90}, {RB_N_("Loại"), 130}, {RB_N_("Đơn vị"), 180},
                                 {RB_N_("Nội dung"), 640}});
    pages_->AddPage(issues_, wxs(tr("Vấn đề cần xử lý")));
    top->Add(pages_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    panel->SetSizer(top);

    // Closing hides the window, keeping what was read; it goes with the main window.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (e.CanVeto()) {
            e.Veto();
            Hide();
        } else {
            e.Skip();
        }
    });
    totals_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        const long i = e.GetIndex();
        if (i >= 0 && static_cast<std::size_t>(i) < total_codes_.size()) show_drill(total_codes_[i]);
    });
}

void ConsolidationFrame::add_files(const std::vector<std::string>& paths) {
    for (const auto& p : paths)
        if (std::find(paths_.begin(), paths_.end(), p) == paths_.end()) paths_.push_back(p);
    recompute();
}

void ConsolidationFrame::add_folder(const std::string& folder) {
    auto files = consolidate::submission_files_in(folder);
    if (!files) {
        show_error(files.error());
        return;
    }
    add_files(*files);
}

bool ConsolidationFrame::load_expected(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        show_error(trf("Không mở được tệp {}", path));
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto list = consolidate::parse_expected_units(text.str(), path);
    if (!list) {
        show_error(list.error());
        return false;
    }
    expected_ = std::move(*list);
    expected_file_ = path;
    recompute();
    return true;
}

void ConsolidationFrame::clear_inputs() {
    paths_.clear();
    result_.reset();
    recompute();
}

void ConsolidationFrame::show_error(const std::string& message) {
    last_error_ = message;
    if (unattended_) std::cerr << message << '\n';
    else wxMessageBox(wxs(message), wxs(tr("Tổng hợp báo cáo")), wxOK | wxICON_WARNING, this);
}

void ConsolidationFrame::recompute() {
    last_error_.clear();
    if (paths_.empty()) {
        result_.reset();
        show_result();
        return;
    }
    consolidate::Options options;
    options.expected = expected_;
    std::unique_ptr<wxProgressDialog> progress;
    // Reading thousands of files takes seconds: show how far it got.
    if (!unattended_ && paths_.size() > 200)
        progress = std::make_unique<wxProgressDialog>(wxs(tr("Tổng hợp báo cáo")), wxs(tr("Đang đọc các tệp nộp…")),
                                                      static_cast<int>(paths_.size()), this,
                                                      wxPD_APP_MODAL | wxPD_AUTO_HIDE | wxPD_ELAPSED_TIME);
    auto step = [&](std::size_t done, std::size_t total) {
        if (progress) progress->Update(static_cast<int>(done), wxs(trf("Đã đọc {}/{} tệp", done, total)));
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    auto r = consolidate::consolidate_files(*registry_, paths_, options, threads, step);
    progress.reset();
    if (!r) {
        result_.reset();
        show_result();
        show_error(r.error());
        return;
    }
    result_ = std::move(*r);
    show_result();
}

void ConsolidationFrame::show_result() {
    totals_->DeleteAllItems();
    inputs_->DeleteAllItems();
    issues_->DeleteAllItems();
    drill_->DeleteAllItems();
    drill_title_->SetLabel(wxString());
    total_codes_.clear();
    if (!result_) {
        summary_->SetLabel(wxs(paths_.empty() ? tr("Chưa có tệp nào. Thêm các tệp nộp báo cáo (.xml, .json) của các xã.")
                                              : tr("Không tổng hợp được các tệp đã chọn.")));
        return;
    }
    const auto& res = result_->result;
    const auto& type = *result_->type;
    std::string missing = res.missing.empty() ? tr("không thiếu đơn vị nào")
                                              : trf("thiếu {} đơn vị", res.missing.size());
    if (expected_.empty()) missing = tr("chưa có danh sách đơn vị phải nộp");
    summary_->SetLabel(wxs(trf("{} — {} · {} tệp, {} được tính · {} · {} đơn vị có lỗi", type.title.get(),
                               res.report.period.label(i18n::language()), res.units.size(), res.included, missing,
                               res.units_with_errors)));
    for (std::size_t s = 0; s < type.indicators.size(); ++s) {
        const auto& ind = type.indicators[s];
        if (ind.heading || !ind.is_numeric()) continue;
        const auto& t = res.totals[s];
        const long row = totals_->GetItemCount();
        totals_->InsertItem(row, wxs(ind.code));
        totals_->SetItem(row, kTotLabel, wxs(ind.label.get()));
        totals_->SetItem(row, kTotUnit, wxs(ind.unit));
        const std::string shown = consolidate::total_display(ind, t);
        totals_->SetItem(row, kTotValue, wxs(shown.empty() ? std::string("—") : shown));
        totals_->SetItem(row, kTotUnits, ind.is_computed() ? wxString() : wxString::Format("%d", t.contributors));
        if (ind.is_computed()) totals_->SetItemBackgroundColour(row, wxColour(242, 242, 242));
        total_codes_.push_back(ind.code);
    }
    for (const auto& u : res.units) {
        const long row = inputs_->GetItemCount();
        inputs_->InsertItem(row, wxs(paths::file_name(u.data.label)));
        inputs_->SetItem(row, kInUnit, wxs(u.data.unit.name));
        inputs_->SetItem(row, kInState, wxs(tr(state_label(u.state))));
        inputs_->SetItem(row, kInErrors, wxString::Format("%d", u.data.errors));
        inputs_->SetItem(row, kInWarnings, wxString::Format("%d", u.data.warnings));
        inputs_->SetItem(row, kInReason, wxs(short_names(u.reason)));
        if (u.state != consolidate::InputState::Included) inputs_->SetItemTextColour(row, wxColour(160, 40, 30));
    }
    for (const auto& i : res.issues) {
        const long row = issues_->GetItemCount();
        issues_->InsertItem(row, wxs(tr(severity_label(i.severity))));
        issues_->SetItem(row, kIssKind, wxs(tr(kind_label(i.kind))));
        issues_->SetItem(row, kIssUnit, wxs(i.unit));
        issues_->SetItem(row, kIssMessage, wxs(short_names(i.message)));
    }
    pages_->SetPageText(2, wxs(trf("Vấn đề cần xử lý ({})", res.issues.size())));
}

std::string ConsolidationFrame::short_names(std::string message) const {
    // The engine names inputs by their full path; the window lists them by file name.
    for (const auto& p : paths_) {
        const std::string name = paths::file_name(p);
        for (auto at = message.find(p); at != std::string::npos; at = message.find(p, at + name.size()))
            message.replace(at, p.size(), name);
    }
    return message;
}

void ConsolidationFrame::select_code(const std::string& code) {
    auto it = std::find(total_codes_.begin(), total_codes_.end(), code);
    if (it == total_codes_.end()) return;
    const long i = static_cast<long>(it - total_codes_.begin());
    totals_->SetItemState(i, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    totals_->EnsureVisible(i);
    show_drill(code);  // also when the selection event does not come (already selected)
}

void ConsolidationFrame::show_drill(const std::string& code) {
    drill_->DeleteAllItems();
    if (!result_) return;
    const auto& type = *result_->type;
    const auto slot = type.slot(code);
    if (!slot) return;
    const auto& ind = type.indicators[*slot];
    const auto& res = result_->result;
    const auto values = res.drill_down(*slot);
    drill_title_->SetLabel(wxs(trf("{} — {}: số liệu của {} đơn vị", ind.code, ind.label.get(), values.size())));
    for (const auto& [unit_index, value] : values) {
        const auto& u = res.units[unit_index];
        const long row = drill_->GetItemCount();
        drill_->InsertItem(row, wxs(u.data.unit.name));
        const std::string shown = validate::display_value(ind, value);
        drill_->SetItem(row, kDrillValue, wxs(shown.empty() ? std::string("—") : shown));
        drill_->SetItem(row, kDrillFile, wxs(paths::file_name(u.data.label)));
        for (const auto& i : res.issues)
            if (i.kind == consolidate::IssueKind::Outlier && i.code == code && i.file == u.data.label) {
                drill_->SetItem(row, kDrillNote, wxs(short_names(i.message)));
                drill_->SetItemTextColour(row, wxColour(170, 60, 20));
            }
    }
}

bool ConsolidationFrame::open_as_report(const std::string& path) {
    if (!result_) {
        show_error(tr("Chưa có bảng tổng hợp: thêm các tệp nộp báo cáo trước."));
        return false;
    }
    report::Report r = result_->result.report;
    r.created = r.modified = report::timestamp_now();
    if (auto ok = report::save(r, path); !ok) {
        show_error(ok.error());
        return false;
    }
    if (open_report_) open_report_(path);
    return true;
}

void ConsolidationFrame::choose_files() {
    wxFileDialog d(this, wxs(tr("Chọn các tệp nộp báo cáo")), wxString(), wxString(),
                   wxs(tr("Tệp nộp báo cáo (*.xml;*.json)|*.xml;*.json;*.XML;*.JSON")),
                   wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (d.ShowModal() != wxID_OK) return;
    wxArrayString chosen;
    d.GetPaths(chosen);
    std::vector<std::string> paths;
    for (const auto& p : chosen) paths.push_back(utf8(p));
    add_files(paths);
}

void ConsolidationFrame::choose_folder() {
    wxDirDialog d(this, wxs(tr("Chọn thư mục chứa các tệp nộp báo cáo")));
    if (d.ShowModal() == wxID_OK) add_folder(utf8(d.GetPath()));
}

void ConsolidationFrame::choose_expected() {
    wxFileDialog d(this, wxs(tr("Danh sách đơn vị phải nộp (mỗi dòng một tên)")), wxString(), wxString(),
                   wxs(tr("Tệp văn bản (*.txt)|*.txt|Mọi tệp|*")), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (d.ShowModal() == wxID_OK) load_expected(utf8(d.GetPath()));
}

void ConsolidationFrame::choose_report_path() {
    if (!result_) {
        show_error(tr("Chưa có bảng tổng hợp: thêm các tệp nộp báo cáo trước."));
        return;
    }
    const auto& r = result_->result.report;
    const std::string name = "tong-hop-" + r.type_id + "-" + r.period.code() + ".rbr";
    wxFileDialog d(this, wxs(tr("Lưu bảng tổng hợp thành báo cáo")), wxString(), wxs(name),
                   wxs(tr("Báo cáo ReportBench (*.rbr)|*.rbr")), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (d.ShowModal() == wxID_OK) open_as_report(utf8(d.GetPath()));
}

}  // namespace rb::desktop
