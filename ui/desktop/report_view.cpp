#include "report_view.hpp"

#include <wx/button.h>
#include <wx/menu.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "dialogs.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "report/entry.hpp"
#include "wx_text.hpp"

namespace rb::desktop {

namespace {

struct SectionData : wxTreeItemData {
    explicit SectionData(std::string s) : id(std::move(s)) {}
    std::string id;
};

// A byte offset in UTF-8 text as a character position (what wxTextCtrl counts).
long char_position(const std::string& text, std::size_t byte_offset) {
    byte_offset = std::min(byte_offset, text.size());
    return static_cast<long>(locale::to_u32(std::string_view(text).substr(0, byte_offset)).size());
}

std::string status_label(report::Status s) {
    switch (s) {
        case report::Status::Draft: return tr("bản nháp");
        case report::Status::Complete: return tr("đã hoàn thành");
        case report::Status::Submitted: return tr("đã nộp");
    }
    return {};
}

}  // namespace

ReportView::ReportView(wxWindow* parent, std::unique_ptr<session::EditSession> session, Changed on_changed)
    : wxPanel(parent, wxID_ANY), session_(std::move(session)), on_changed_(std::move(on_changed)) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    info_ = new wxInfoBar(this);
    top->Add(info_, 0, wxEXPAND);
    title_ = new wxStaticText(this, wxID_ANY, wxString());
    wxFont title_font = title_->GetFont();
    title_font.SetWeight(wxFONTWEIGHT_BOLD);
    title_->SetFont(title_font);
    top->Add(title_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    lock_banner_ = new wxStaticText(this, wxID_ANY, wxString());
    lock_banner_->SetBackgroundColour(wxColour(255, 243, 205));
    lock_banner_->SetForegroundColour(wxColour(102, 77, 3));
    top->Add(lock_banner_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    lock_banner_->Hide();

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split_ = split;
    split->SetMinimumPaneSize(FromDIP(80));
    pages_ = new wxNotebook(split, wxID_ANY);
    pages_->AddPage(make_narrative_page(pages_), wxs(tr("Nội dung báo cáo")), true);
    grid_ = new AppendixGrid(pages_, *session_, [this](const std::string& code, int column, const std::string& typed) {
        auto c = column == AppendixGrid::kNote ? session_->set_note(code, typed) : session_->set_value(code, typed);
        if (!c) {
            // Said under the cell by the grid, where the eye is; the bar above would push the
            // grid down under the cursor.
            last_error_ = c.error();
            return c.error();
        }
        hide_error();
        apply(*c);
        return std::string();
    });
    pages_->AddPage(grid_, wxs(tr("Phụ lục số liệu")));
    pages_->AddPage(make_header_page(pages_), wxs(tr("Thông tin văn bản")));
    history_ = new HistoryPanel(pages_, *session_);
    pages_->AddPage(history_, wxs(tr("Lịch sử")));
    // The History page follows the grid's row, and is brought up to date only when shown:
    // comparing every figure after each keystroke on another page would be wasted work.
    pages_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        if (e.GetSelection() == static_cast<int>(Page::History)) {
            history_->refresh();
            if (const int row = grid_->GetGridCursorRow(); row >= 0) {
                const std::string code = grid_->code_at(row);
                if (!code.empty()) history_->select_code(code);
            }
        }
        e.Skip();
    });

    auto* bottom = new wxPanel(split);
    auto* bs = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxBoxSizer(wxHORIZONTAL);
    findings_label_ = new wxStaticText(bottom, wxID_ANY, wxString());
    head->Add(findings_label_, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(4));
    severity_filter_ = new wxChoice(bottom, wxID_ANY);
    severity_filter_->Append(wxs(tr("Mọi mức độ")));
    severity_filter_->Append(wxs(tr("Chỉ lỗi")));
    severity_filter_->Append(wxs(tr("Chỉ cảnh báo")));
    severity_filter_->Append(wxs(tr("Chỉ thông tin")));
    severity_filter_->SetSelection(0);
    severity_filter_->SetToolTip(wxs(tr("Chỉ liệt kê kết quả kiểm tra ở mức độ này")));
    head->Add(severity_filter_, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
    justify_button_ = new wxButton(bottom, wxID_ANY, wxs(tr("Giải trình…")), wxDefaultPosition, wxDefaultSize,
                                   wxBU_EXACTFIT);
    unjustify_button_ = new wxButton(bottom, wxID_ANY, wxs(tr("Bỏ giải trình")), wxDefaultPosition, wxDefaultSize,
                                     wxBU_EXACTFIT);
    unjustify_button_->SetToolTip(wxs(tr("Xóa lý do đã ghi; cảnh báo lại được tính")));
    head->Add(justify_button_, 0, wxLEFT, FromDIP(6));
    head->Add(unjustify_button_, 0, wxLEFT | wxRIGHT, FromDIP(6));
    bs->Add(head, 0, wxEXPAND | wxTOP | wxBOTTOM, FromDIP(2));
    findings_ = new FindingsList(bottom, *session_, [this](std::size_t i) { go_to_finding(i); });
    severity_filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        static constexpr schema::Severity kBySelection[] = {schema::Severity::Error, schema::Severity::Warning,
                                                            schema::Severity::Info};
        const int i = e.GetSelection();
        findings_->show_only(i >= 1 && i <= 3 ? std::optional<schema::Severity>(kBySelection[i - 1]) : std::nullopt);
        update_justify_buttons();
    });
    bs->Add(findings_, 1, wxEXPAND);
    justify_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { justify_selected(); });
    unjustify_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (const long i = findings_->selected(); i >= 0) remove_justification(static_cast<std::size_t>(i));
    });
    findings_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        update_justify_buttons();
        e.Skip();
    });
    findings_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent& e) {
        update_justify_buttons();
        e.Skip();
    });
    findings_->Bind(wxEVT_LIST_ITEM_RIGHT_CLICK,
                    [this](wxListEvent& e) { show_findings_menu(findings_->finding_at(e.GetIndex())); });
    bottom->SetSizer(bs);
    split->SplitHorizontally(pages_, bottom, -FromDIP(findings_dip_));
    split->SetSashGravity(1.0);
    // The view is made before it has its size: a sash placed then, from a height of a few
    // pixels, left the findings one row high for good. It is placed on every resize instead,
    // after the splitter's own handling.
    split->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        CallAfter([this] { place_sash(); });
        e.Skip();
    });
    split->Bind(wxEVT_SPLITTER_SASH_POS_CHANGED, [this](wxSplitterEvent& e) {
        e.Skip();
        if (placing_sash_) return;
        const int h = split_->GetClientSize().y;
        if (h <= 0) return;
        findings_dip_ = std::max(40, ToDIP(h - e.GetSashPosition()));
        if (on_findings_resized_) on_findings_resized_(findings_dip_);
    });
    top->Add(split, 1, wxEXPAND | wxTOP, FromDIP(4));
    SetSizer(top);
    reload();
}

wxWindow* ReportView::make_narrative_page(wxWindow* parent) {
    auto* split = new wxSplitterWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split->SetMinimumPaneSize(FromDIP(120));
    tree_ = new wxTreeCtrl(split, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_LINES_AT_ROOT | wxTR_SINGLE | wxTR_FULL_ROW_HIGHLIGHT);
    const auto root = tree_->AddRoot(wxString());
    std::map<std::string, wxTreeItemId> by_id;
    for (const auto& s : session_->type().sections) {
        // Titles may name the period ("… {NEXT_PERIOD}"): shown as the document prints them.
        std::string label = session_->shown(s.title);
        if (!s.number.empty()) label = s.number + ". " + label;
        if (label.empty()) label = s.id;
        auto p = by_id.find(s.parent);
        const auto item = tree_->AppendItem(p == by_id.end() ? root : p->second, wxs(label), -1, -1, new SectionData(s.id));
        by_id[s.id] = item;
        section_items_[s.id] = item;
    }
    tree_->ExpandAll();
    tree_->Bind(wxEVT_TREE_SEL_CHANGED, [this](wxTreeEvent& e) {
        auto* d = dynamic_cast<SectionData*>(tree_->GetItemData(e.GetItem()));
        if (!d || d->id == section_) return;
        session_->break_coalescing();
        section_ = d->id;
        load_section_text();
    });

    auto* right = new wxPanel(split);
    auto* rs = new wxBoxSizer(wxVERTICAL);
    section_title_ = new wxStaticText(right, wxID_ANY, wxString());
    wxFont f = section_title_->GetFont();
    f.SetWeight(wxFONTWEIGHT_BOLD);
    section_title_->SetFont(f);
    rs->Add(section_title_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    guidance_ = new wxTextCtrl(right, wxID_ANY, wxString(), wxDefaultPosition, wxSize(-1, FromDIP(58)),
                               wxTE_MULTILINE | wxTE_READONLY | wxBORDER_NONE | wxTE_NO_VSCROLL);
    guidance_->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    guidance_->SetForegroundColour(wxColour(80, 80, 80));
    rs->Add(guidance_, 0, wxEXPAND | wxALL, FromDIP(6));
    editor_ = new wxTextCtrl(right, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                             wxTE_MULTILINE | wxTE_WORDWRAP | wxTE_NOHIDESEL);
    rs->Add(editor_, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    draft_button_ = new wxButton(right, wxID_ANY, wxs(tr("Chèn bản soạn sẵn từ số liệu")));
    draft_button_->SetToolTip(wxs(tr("Soạn đoạn văn của mục này từ số liệu phụ lục (Ctrl+D)")));
    buttons->Add(draft_button_, 0);
    rs->Add(buttons, 0, wxALL, FromDIP(6));
    right->SetSizer(rs);
    split->SplitVertically(tree_, right, FromDIP(300));

    editor_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (loading_ || section_.empty()) return;
        auto c = session_->set_text(section_, utf8(editor_->GetValue()));
        if (!c) {
            show_error(c.error());
            return;
        }
        apply(*c);
    });
    editor_->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        session_->break_coalescing();
        e.Skip();
    });
    draft_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { insert_draft(); });
    return split;
}

wxWindow* ReportView::make_header_page(wxWindow* parent) {
    auto* page = new wxScrolledWindow(parent, wxID_ANY);
    page->SetScrollRate(0, FromDIP(10));
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(12));
    grid->AddGrowableCol(1, 1);
    for (auto field : session::header_fields()) {
        grid->Add(new wxStaticText(page, wxID_ANY, wxs(session::header_field_label(field))), 0,
                  wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
        const bool multi = field == session::HeaderField::Recipients;
        auto* ctrl = new wxTextCtrl(page, wxID_ANY, wxString(), wxDefaultPosition,
                                    multi ? wxSize(-1, FromDIP(150)) : wxDefaultSize,
                                    multi ? wxTE_MULTILINE : wxTE_PROCESS_ENTER);
        if (field == session::HeaderField::Date || field == session::HeaderField::WindowFrom ||
            field == session::HeaderField::WindowTo)
            ctrl->SetHint(wxs(tr("ngày/tháng/năm, ví dụ 08/3/2024")));
        if (multi) ctrl->SetHint(wxs(tr("Mỗi nơi nhận một dòng")));
        header_[field] = ctrl;
        grid->Add(ctrl, 1, wxEXPAND);
        ctrl->Bind(wxEVT_KILL_FOCUS, [this, field](wxFocusEvent& e) {
            commit_header(field);
            e.Skip();
        });
        if (!multi) ctrl->Bind(wxEVT_TEXT_ENTER, [this, field](wxCommandEvent&) { commit_header(field); });
    }
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    page->SetSizer(outer);
    return page;
}

void ReportView::commit_header(session::HeaderField f) {
    if (loading_) return;
    wxTextCtrl* ctrl = header_[f];
    const std::string typed = utf8(ctrl->GetValue());
    if (typed == session_->header_text(f)) return;
    auto c = session_->set_header(f, typed);
    if (!c) {
        show_error(c.error());
        return;
    }
    hide_error();
    apply(*c);
}

void ReportView::set_findings_height(int dip, std::function<void(int)> on_resized) {
    if (dip > 0) findings_dip_ = dip;
    on_findings_resized_ = std::move(on_resized);
    place_sash();
}

int ReportView::findings_height() const {
    const int h = split_->GetClientSize().y;
    return h > 0 ? ToDIP(h - split_->GetSashPosition()) : findings_dip_;
}

void ReportView::place_sash() {
    const int h = split_->GetClientSize().y;
    if (h < FromDIP(200)) return;
    // At most 45% of the height: the report itself stays the larger part on a small screen.
    const int want = std::min(FromDIP(findings_dip_), h * 45 / 100);
    if (split_->GetSashPosition() == h - want) return;
    placing_sash_ = true;
    split_->SetSashPosition(h - want);
    placing_sash_ = false;
}

void ReportView::commit_pending_edits() {
    if (grid_->IsCellEditControlEnabled()) grid_->SaveEditControlValue();
    for (auto& [field, ctrl] : header_)
        if (utf8(ctrl->GetValue()) != session_->header_text(field)) commit_header(field);
}

void ReportView::apply(const session::Change& c) {
    if (c.header || c.everything) load_header();
    if (!c.section.empty() && c.section == section_) {
        const std::string now = utf8(editor_->GetValue());
        auto it = session_->report().narrative.find(section_);
        const std::string want = it == session_->report().narrative.end() ? std::string() : it->second;
        if (now != want) load_section_text();
    }
    if (c.everything) load_section_text();
    grid_->refresh_findings();
    findings_->refresh();
    const auto& res = session_->findings();
    findings_label_->SetLabel(res.accepted > 0 ? wxs(trf("Kết quả kiểm tra: {} lỗi, {} cảnh báo, {} đã giải trình",
                                                          res.errors, res.warnings, res.accepted))
                                               : wxs(trf("Kết quả kiểm tra: {} lỗi, {} cảnh báo", res.errors,
                                                         res.warnings)));
    update_lock();
    update_justify_buttons();
    update_title();
    if (page() == Page::History) history_->refresh();
    if (on_changed_) on_changed_(*this);
}

void ReportView::set_history_context(std::shared_ptr<const history::Context> context) {
    history_->set_context(std::move(context));
}

void ReportView::reload() {
    load_header();
    if (section_.empty()) {
        // Open on the first section that has text, else the first section.
        for (const auto& s : session_->type().sections) {
            if (section_.empty()) section_ = s.id;
            if (session_->report().narrative.count(s.id)) {
                section_ = s.id;
                break;
            }
        }
        if (auto it = section_items_.find(section_); it != section_items_.end()) {
            loading_ = true;
            tree_->SelectItem(it->second);
            loading_ = false;
        }
    }
    load_section_text();
    session::Change all;
    all.everything = false;
    apply(all);
}

void ReportView::load_section_text() {
    const auto* s = session_->type().section(section_);
    loading_ = true;
    if (!s) {
        section_title_->SetLabel(wxString());
        guidance_->ChangeValue(wxString());
        editor_->ChangeValue(wxString());
        editor_->Enable(false);
        draft_button_->Enable(false);
        loading_ = false;
        return;
    }
    std::string title = session_->shown(s->title);
    if (!s->number.empty()) title = s->number + ". " + title;
    if (s->required) title += "  " + std::string(tr("(bắt buộc)"));
    section_title_->SetLabel(wxs(title));
    const std::string guidance = session_->shown(s->guidance);
    guidance_->ChangeValue(wxs(guidance.empty() ? std::string(tr("Mục này không có hướng dẫn.")) : guidance));
    auto it = session_->report().narrative.find(section_);
    const long at = editor_->GetInsertionPoint();
    editor_->ChangeValue(it == session_->report().narrative.end() ? wxString() : wxs(it->second));
    editor_->SetInsertionPoint(std::min(at, editor_->GetLastPosition()));
    editor_->Enable(true);
    editor_->SetEditable(!session_->read_only());
    draft_button_->Enable(!session_->read_only());
    loading_ = false;
}

void ReportView::load_header() {
    loading_ = true;
    for (auto& [field, ctrl] : header_) {
        ctrl->ChangeValue(wxs(session_->header_text(field)));
        ctrl->SetEditable(!session_->read_only());
    }
    loading_ = false;
}

void ReportView::update_title() {
    const auto& r = session_->report();
    const auto& t = session_->type();
    const std::string period = r.period.label(i18n::language());
    std::string status = status_label(r.status);
    if (r.amendment > 0) status = trf("{}, bản sửa đổi lần {}", status, r.amendment);
    const wxString label = wxs(trf("{} · {} · {} · {}", t.title.get(), period, r.unit.name, status));
    if (title_->GetLabel() != label) title_->SetLabel(label);
    title_->SetToolTip(wxs(t.edition_title.get() + " (" + t.id + "@" + t.edition + ")"));
}

void ReportView::update_lock() {
    const bool locked = session_->read_only();
    if (shown_lock_ == static_cast<int>(locked)) return;
    shown_lock_ = static_cast<int>(locked);
    editor_->SetEditable(!locked);
    draft_button_->Enable(!locked && !section_.empty());
    for (auto& [field, ctrl] : header_) ctrl->SetEditable(!locked);
    if (locked) {
        const auto& r = session_->report();
        const std::string why =
            !r.read_only_reason.empty() ? r.read_only_reason
            : r.read_only               ? std::string(tr("Báo cáo chỉ mở để xem."))
                                        : std::string(tr("Báo cáo đã nộp nên chỉ xem được. Muốn sửa, hãy tạo bản sửa "
                                                         "đổi (Báo cáo → Tạo bản sửa đổi…)."));
        lock_banner_->SetLabel(wxs("  " + why));
        lock_banner_->Show();
    } else {
        lock_banner_->Hide();
    }
    // The grid asks the session for each cell's attributes: a repaint shows the new state.
    grid_->ForceRefresh();
    Layout();
}

std::string ReportView::why_not_justifiable(std::size_t index) const {
    const auto& list = session_->findings().findings;
    if (index >= list.size()) return tr("Chọn một cảnh báo trong danh sách kết quả kiểm tra.");
    if (session_->read_only()) return tr("Báo cáo đã khóa, không ghi thêm giải trình được.");
    switch (list[index].severity) {
        case schema::Severity::Error: return tr("Lỗi phải được sửa, không thể giải trình.");
        case schema::Severity::Info: return tr("Thông tin không cần giải trình.");
        case schema::Severity::Warning: break;
    }
    return {};
}

void ReportView::update_justify_buttons() {
    const long sel = findings_->selected();
    const auto& list = session_->findings().findings;
    const std::string why = why_not_justifiable(sel < 0 ? list.size() : static_cast<std::size_t>(sel));
    const bool justified = sel >= 0 && static_cast<std::size_t>(sel) < list.size() &&
                           !list[static_cast<std::size_t>(sel)].justification.empty();
    const wxString tip = why.empty() ? wxs(tr("Ghi lý do chấp nhận cảnh báo này (Ctrl+J)")) : wxs(why);
    if (justify_button_->IsEnabled() != why.empty()) justify_button_->Enable(why.empty());
    if (justify_button_->GetToolTipText() != tip) justify_button_->SetToolTip(tip);
    const bool can_remove = justified && !session_->read_only();
    if (unjustify_button_->IsEnabled() != can_remove) unjustify_button_->Enable(can_remove);
}

void ReportView::show_findings_menu(long item) {
    if (item < 0 || item >= static_cast<long>(findings_->count())) return;
    findings_->select(static_cast<std::size_t>(item));
    update_justify_buttons();
    const auto index = static_cast<std::size_t>(item);
    const validate::Finding& f = session_->findings().findings[index];
    wxMenu menu;
    const int go = wxWindow::NewControlId(), justify_id = wxWindow::NewControlId(), remove = wxWindow::NewControlId();
    menu.Append(go, wxs(tr("Đến vị trí")));
    const std::string why = why_not_justifiable(index);
    // A menu item has no tooltip: a disabled entry says why in its own label.
    menu.Append(justify_id, why.empty() ? wxs(tr("Giải trình…")) : wxs(trf("Giải trình… ({})", why)))
        ->Enable(why.empty());
    if (!f.justification.empty()) menu.Append(remove, wxs(tr("Bỏ giải trình")))->Enable(!session_->read_only());
    const int chosen = findings_->GetPopupMenuSelectionFromUser(menu);
    if (chosen == go) go_to_finding(index);
    else if (chosen == justify_id) justify(index);
    else if (chosen == remove) remove_justification(index);
}

void ReportView::justify_selected() {
    const long sel = findings_->selected();
    justify(sel < 0 ? session_->findings().findings.size() : static_cast<std::size_t>(sel));
}

void ReportView::justify(std::size_t index) {
    if (const std::string why = why_not_justifiable(index); !why.empty()) {
        show_error(why);
        return;
    }
    const validate::Finding f = session_->findings().findings[index];
    JustifyDialog dlg(this, f.message, FindingsList::place_text(*session_, f), f.justification);
    if (dlg.ShowModal() != wxID_OK) return;
    auto c = session_->justify(f.key, dlg.text());
    if (!c) {
        show_error(c.error());
        return;
    }
    hide_error();
    apply(*c);
    // The same finding stays selected, wherever revalidation put it.
    const auto& list = session_->findings().findings;
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].key == f.key) findings_->select(i);
    update_justify_buttons();
}

bool ReportView::remove_justification(std::size_t index) {
    const auto& list = session_->findings().findings;
    if (index >= list.size()) return false;
    auto c = session_->remove_justification(list[index].key);
    if (!c) {
        show_error(c.error());
        return false;
    }
    hide_error();
    apply(*c);
    return true;
}

bool ReportView::set_status(report::Status to) {
    commit_pending_edits();
    auto c = session_->set_status(to);
    if (!c) {
        show_error(c.error());
        return false;
    }
    hide_error();
    apply(*c);
    return true;
}

void ReportView::undo() {
    if (!session_->can_undo()) return;
    commit_pending_edits();
    auto c = session_->undo();
    hide_error();
    apply(c);
}

void ReportView::redo() {
    if (!session_->can_redo()) return;
    auto c = session_->redo();
    hide_error();
    apply(c);
}

bool ReportView::edit_value(const std::string& code, const std::string& typed) {
    auto c = session_->set_value(code, typed);
    if (!c) {
        show_error(c.error());
        return false;
    }
    hide_error();
    apply(*c);
    return true;
}

void ReportView::show_page(Page p) { pages_->SetSelection(static_cast<std::size_t>(p)); }

ReportView::Page ReportView::page() const { return static_cast<Page>(pages_->GetSelection()); }

void ReportView::select_section(const std::string& id) {
    auto it = section_items_.find(id);
    if (it == section_items_.end()) return;
    tree_->SelectItem(it->second);  // the selection handler loads the text
    tree_->EnsureVisible(it->second);
    if (section_ != id) {
        session_->break_coalescing();
        section_ = id;
        load_section_text();
    }
}

void ReportView::go_to_finding(std::size_t index) {
    const auto& list = session_->findings().findings;
    if (index >= list.size()) return;
    const validate::Finding f = list[index];
    findings_->select(index);
    // A finding about words in the text (a figure that contradicts the appendix, a misspelt
    // name) leads to those words, selected, even when it names the indicator too: the text is
    // what the clerk corrects.
    const bool in_text = !f.section.empty() && f.length > 0;
    if (!f.codes.empty() && !in_text) {
        show_page(Page::Appendix);
        grid_->go_to(f.codes.front());
    } else if (!f.section.empty()) {
        show_page(Page::Narrative);
        select_section(f.section);
        auto it = session_->report().narrative.find(f.section);
        editor_->SetFocus();
        if (it != session_->report().narrative.end() && f.length > 0) {
            const long from = char_position(it->second, f.offset);
            const long to = char_position(it->second, f.offset + f.length);
            editor_->SetSelection(from, to);
            editor_->ShowPosition(from);
        }
    } else {
        show_page(Page::Header);
    }
}

void ReportView::next_finding(int direction) {
    // Through the findings as listed: sorted, filtered, the values not entered skipped while
    // their line is closed.
    const long next = findings_->next_listed(findings_->selected(), direction);
    if (next >= 0) go_to_finding(static_cast<std::size_t>(next));
}

void ReportView::insert_draft() {
    if (section_.empty() || session_->read_only()) return;
    auto d = session_->draft_text(section_);
    if (!d) {
        show_error(d.error());
        return;
    }
    // Inserted at the cursor as one undo step; the user's own text is never replaced.
    std::string text = utf8(editor_->GetValue());
    const std::u32string chars = locale::to_u32(text);
    const auto at = std::min<std::size_t>(static_cast<std::size_t>(editor_->GetInsertionPoint()), chars.size());
    std::string before = locale::from_u32(chars.substr(0, at)), after = locale::from_u32(chars.substr(at));
    std::string insert = *d;
    if (!before.empty() && before.back() != '\n') insert = "\n" + insert;
    if (!after.empty() && after.front() != '\n') insert += "\n";
    session_->break_coalescing();
    auto c = session_->set_text(section_, before + insert + after);
    session_->break_coalescing();
    if (!c) {
        show_error(c.error());
        return;
    }
    load_section_text();
    editor_->SetInsertionPoint(static_cast<long>(locale::to_u32(before + insert).size()));
    apply(*c);
}

void ReportView::show_error(const std::string& message) {
    last_error_ = message;
    info_->ShowMessage(wxs(message), wxICON_ERROR);
    wxBell();
}

void ReportView::hide_error() {
    if (last_error_.empty()) return;
    last_error_.clear();
    info_->Dismiss();
}

}  // namespace rb::desktop
