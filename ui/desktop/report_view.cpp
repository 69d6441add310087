#include "report_view.hpp"

#include <wx/button.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

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

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split->SetMinimumPaneSize(FromDIP(80));
    pages_ = new wxNotebook(split, wxID_ANY);
    pages_->AddPage(make_narrative_page(pages_), wxs(tr("Nội dung báo cáo")), true);
    grid_ = new AppendixGrid(pages_, *session_, [this](const std::string& code, int column, const std::string& typed) {
        auto c = column == AppendixGrid::kNote ? session_->set_note(code, typed) : session_->set_value(code, typed);
        if (!c) {
            show_error(c.error());
            return;
        }
        hide_error();
        apply(*c);
    });
    pages_->AddPage(grid_, wxs(tr("Phụ lục số liệu")));
    pages_->AddPage(make_header_page(pages_), wxs(tr("Thông tin văn bản")));

    auto* bottom = new wxPanel(split);
    auto* bs = new wxBoxSizer(wxVERTICAL);
    findings_label_ = new wxStaticText(bottom, wxID_ANY, wxString());
    bs->Add(findings_label_, 0, wxLEFT | wxTOP | wxBOTTOM, FromDIP(4));
    findings_ = new FindingsList(bottom, *session_, [this](std::size_t i) { go_to_finding(i); });
    bs->Add(findings_, 1, wxEXPAND);
    bottom->SetSizer(bs);
    split->SplitHorizontally(pages_, bottom, -FromDIP(170));
    split->SetSashGravity(1.0);
    top->Add(split, 1, wxEXPAND | wxTOP, FromDIP(4));
    SetSizer(top);

    if (session_->read_only()) {
        const std::string why = session_->report().read_only_reason.empty()
                                    ? std::string(tr("Báo cáo đã nộp: chỉ xem; muốn sửa hãy tạo bản sửa đổi."))
                                    : session_->report().read_only_reason;
        info_->ShowMessage(wxs(why), wxICON_INFORMATION);
    }
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
        std::string label = report::fill_placeholders(s.title.get(), session_->report());
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
    findings_label_->SetLabel(wxs(trf("Kết quả kiểm tra: {} lỗi, {} cảnh báo", res.errors, res.warnings)));
    update_title();
    if (on_changed_) on_changed_(*this);
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
    std::string title = report::fill_placeholders(s->title.get(), session_->report());
    if (!s->number.empty()) title = s->number + ". " + title;
    if (s->required) title += "  " + std::string(tr("(bắt buộc)"));
    section_title_->SetLabel(wxs(title));
    const std::string guidance = report::fill_placeholders(s->guidance.get(), session_->report());
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
    const std::string period = i18n::language() == i18n::Language::English ? r.period.label_en() : r.period.label_vi();
    title_->SetLabel(wxs(trf("{} · {} · {} · {}", t.title.get(), period, r.unit.name, status_label(r.status))));
    title_->SetToolTip(wxs(t.edition_title.get() + " (" + t.id + "@" + t.edition + ")"));
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
    if (!f.codes.empty()) {
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
    const auto n = static_cast<long>(findings_->count());
    if (n == 0) return;
    long cur = findings_->selected();
    long next = cur < 0 ? (direction > 0 ? 0 : n - 1) : ((cur + direction) % n + n) % n;
    go_to_finding(static_cast<std::size_t>(next));
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
