#include "main_frame.hpp"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/dirdlg.h>
#include <wx/display.h>
#include <wx/filedlg.h>
#include <wx/iconbndl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

#include <filesystem>
#include <iostream>

#include "consolidation_frame.hpp"
#include "dialogs.hpp"
#include "first_start_dialog.hpp"
#include "history/history.hpp"
#include "i18n/i18n.hpp"
#include "session/new_report.hpp"
#include "session/sample_workspace.hpp"
#include "wx_text.hpp"
#include "base/paths.hpp"

namespace fs = std::filesystem;

namespace rb::desktop {

namespace {



struct PathData : wxTreeItemData {
    explicit PathData(std::string p) : path(std::move(p)) {}
    std::string path;
};

std::string status_text(const report::Report& r) {
    std::string text;
    switch (r.status) {
        case report::Status::Draft: text = tr("Bản nháp"); break;
        case report::Status::Complete: text = tr("Đã hoàn thành"); break;
        case report::Status::Submitted: text = tr("Đã nộp (khóa)"); break;
    }
    if (r.amendment > 0) text = trf("{} · sửa đổi lần {}", text, r.amendment);
    return text;
}

std::string summary_status(const session::ReportSummary& s) {
    if (!s.readable) return tr("không đọc được");
    if (s.evaluated && s.errors > 0) return trf("có {} lỗi", s.errors);
    switch (s.status) {
        case report::Status::Draft: return tr("bản nháp");
        case report::Status::Complete: return tr("đã hoàn thành");
        case report::Status::Submitted: return tr("đã nộp");
    }
    return {};
}

}  // namespace

MainFrame::MainFrame(ShellOptions options)
    : wxFrame(nullptr, wxID_ANY, wxs(tr("ReportBench — Bàn làm việc báo cáo")), wxDefaultPosition, wxSize(1280, 800)),
      options_(std::move(options)),
      registry_(options_.registry),
      settings_(session::Settings::load(options_.settings_path.empty() ? session::Settings::default_path()
                                                                       : options_.settings_path)),
      workspace_(options_.workspace.empty()
                     ? (settings_.workspace.empty() ? session::Workspace::default_folder() : settings_.workspace)
                     : options_.workspace),
      autosave_timer_(this) {
    journal_ = std::make_unique<session::Journal>(options_.journal_dir.empty() ? session::Journal::default_dir()
                                                                                : options_.journal_dir);
#ifdef __WXMSW__
    // The program's icon at every size, from its resources (packaging/windows/desktop.rc.in):
    // the title bar, the taskbar and Alt+Tab.
    SetIcons(wxIconBundle(wxS("AAAA_REPORTBENCH"), nullptr));
#endif
    build_menus();
    build_toolbar();
    CreateStatusBar(4);
    const int widths[] = {-1, FromDIP(300), FromDIP(130), FromDIP(170)};
    GetStatusBar()->SetStatusWidths(4, widths);

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split_ = split;
    split->SetMinimumPaneSize(FromDIP(160));
    auto* left = new wxPanel(split);
    auto* ls = new wxBoxSizer(wxVERTICAL);
    workspace_label_ = new wxStaticText(left, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                        wxST_ELLIPSIZE_MIDDLE);
    ls->Add(workspace_label_, 0, wxEXPAND | wxALL, FromDIP(6));
    tree_ = new wxTreeCtrl(left, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_LINES_AT_ROOT | wxTR_SINGLE);
    ls->Add(tree_, 1, wxEXPAND);
    left->SetSizer(ls);

    auto* right = new wxPanel(split);
    auto* rs = new wxBoxSizer(wxVERTICAL);
    notebook_ = new wxNotebook(right, wxID_ANY);
    // A notebook has no tooltip per tab: the one under the pointer is set as it moves.
    notebook_->Bind(wxEVT_MOTION, [this](wxMouseEvent& e) {
        const int page = notebook_->HitTest(e.GetPosition());
        const wxString tip = page == wxNOT_FOUND ? wxString() : wxs(tab_tooltip(static_cast<std::size_t>(page)));
        if (notebook_->GetToolTipText() != tip) notebook_->SetToolTip(tip);
        e.Skip();
    });
    welcome_ = new wxPanel(right);
    auto* ws = new wxBoxSizer(wxVERTICAL);
    auto* hello = new wxStaticText(welcome_, wxID_ANY,
                                   wxs(tr("Chưa mở báo cáo nào.\nChọn một báo cáo trong thư mục bên trái, mở một tệp "
                                          "(Ctrl+O) hoặc tạo báo cáo mới (Ctrl+N).")),
                                   wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL);
    ws->AddStretchSpacer();
    ws->Add(hello, 0, wxALIGN_CENTER | wxALL, FromDIP(12));
    auto* wb = new wxBoxSizer(wxHORIZONTAL);
    auto* bnew = new wxButton(welcome_, wxID_NEW, wxs(tr("Tạo báo cáo mới…")));
    auto* bopen = new wxButton(welcome_, wxID_OPEN, wxs(tr("Mở báo cáo…")));
    wb->Add(bnew, 0, wxRIGHT, FromDIP(8));
    wb->Add(bopen, 0);
    ws->Add(wb, 0, wxALIGN_CENTER);
    ws->AddStretchSpacer();
    welcome_->SetSizer(ws);
    plugin_notice_ = new wxInfoBar(right);
    plugin_notice_->AddButton(kIdPlugins, wxs(tr("Xem danh sách plugin…")));
    plugin_notice_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        plugin_notice_->Dismiss();
        show_plugins();
    }, kIdPlugins);
    rs->Add(plugin_notice_, 0, wxEXPAND);
    rs->Add(welcome_, 1, wxEXPAND);
    rs->Add(notebook_, 1, wxEXPAND);
    right->SetSizer(rs);
    notebook_->Hide();
    split->SplitVertically(left, right, FromDIP(settings_.workspace_width > 0 ? settings_.workspace_width : 300));
    fit_to_screen();

    bnew->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { new_report(); });
    bopen->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_dialog(); });
    tree_->Bind(wxEVT_TREE_ITEM_ACTIVATED, &MainFrame::on_tree_activated, this);
    tree_->Bind(wxEVT_TREE_ITEM_GETTOOLTIP, [this](wxTreeEvent& e) {
        auto* d = dynamic_cast<PathData*>(tree_->GetItemData(e.GetItem()));
        if (!d) return;
        for (const auto& s : workspace_.reports())
            if (s.path == d->path) e.SetToolTip(wxs(s.readable ? s.path : s.path + "\n" + s.problem));
    });
    notebook_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        update_status();
        e.Skip();
    });
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::on_close, this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { autosave(); }, autosave_timer_.GetId());
    Bind(wxEVT_ACTIVATE, [this](wxActivateEvent& e) {
        if (!e.GetActive()) autosave();  // focus goes elsewhere: the moment a crash costs most
        e.Skip();
    });
    if (options_.autosave_ms > 0) autosave_timer_.Start(options_.autosave_ms);

    refresh_workspace();
    update_status();
}

MainFrame::~MainFrame() { autosave_timer_.Stop(); }

void MainFrame::build_menus() {
    auto* bar = new wxMenuBar;
    auto* file = new wxMenu;
    file->Append(wxID_NEW, wxs(tr("&Tạo báo cáo mới…")) + "\tCtrl+N");
    file->Append(wxID_OPEN, wxs(tr("&Mở…")) + "\tCtrl+O");
    recent_menu_ = new wxMenu;
    file->AppendSubMenu(recent_menu_, wxs(tr("Mở &gần đây")));
    file->AppendSeparator();
    file->Append(wxID_SAVE, wxs(tr("&Lưu")) + "\tCtrl+S");
    file->Append(wxID_SAVEAS, wxs(tr("Lưu &thành…")) + "\tCtrl+Shift+S");
    file->Append(kIdExport, wxs(tr("&Xuất…")) + "\tCtrl+E");
    file->Append(kIdExportAgain, wxs(tr("Xuất &lại như lần trước")) + "\tCtrl+Shift+E",
                 wxs(tr("Cùng định dạng, mẫu của nơi nhận và thư mục như lần xuất trước, không hỏi lại")));
    file->AppendSeparator();
    file->Append(kIdConsolidate, wxs(tr("Tổng &hợp báo cáo của các xã…")) + "\tCtrl+Shift+T");
    file->AppendSeparator();
    file->Append(wxID_CLOSE, wxs(tr("Đó&ng báo cáo")) + "\tCtrl+W");
    file->Append(wxID_EXIT, wxs(tr("T&hoát")) + "\tCtrl+Q");
    bar->Append(file, wxs(tr("&Tệp")));

    auto* edit = new wxMenu;
    edit->Append(wxID_UNDO, wxs(tr("&Hoàn tác")) + "\tCtrl+Z");
    edit->Append(wxID_REDO, wxs(tr("&Làm lại")) + "\tCtrl+Y");
    edit->AppendSeparator();
    edit->Append(kIdNextFinding, wxs(tr("Kết quả kiểm tra &tiếp theo")) + "\tF8");
    edit->Append(kIdPrevFinding, wxs(tr("Kết quả kiểm tra &trước")) + "\tShift+F8");
    edit->Append(kIdDraft, wxs(tr("Chèn bản &soạn sẵn cho mục")) + "\tCtrl+D");
    bar->Append(edit, wxs(tr("&Sửa")));

    auto* view = new wxMenu;
    view->Append(kIdPageNarrative, wxs(tr("&Nội dung báo cáo")) + "\tCtrl+1");
    view->Append(kIdPageAppendix, wxs(tr("&Phụ lục số liệu")) + "\tCtrl+2");
    view->Append(kIdPageHeader, wxs(tr("&Thông tin văn bản")) + "\tCtrl+3");
    view->Append(kIdPageHistory, wxs(tr("&Lịch sử và so sánh")) + "\tCtrl+4");
    view->AppendSeparator();
    view->Append(kIdFocusWorkspace, wxs(tr("Thư mục &báo cáo")) + "\tCtrl+0");
    view->Append(kIdRefreshWorkspace, wxs(tr("&Làm mới thư mục báo cáo")) + "\tF5");
    view->Append(kIdChooseWorkspace, wxs(tr("&Chọn thư mục báo cáo…")));
    bar->Append(view, wxs(tr("&Xem")));

    auto* doc = new wxMenu;
    doc->Append(kIdMarkComplete, wxs(tr("Đánh dấu &hoàn thành")));
    doc->Append(kIdBackToDraft, wxs(tr("T&rở lại bản nháp")));
    doc->Append(kIdSubmit, wxs(tr("Đánh dấu đã &nộp…")));
    doc->Append(kIdAmend, wxs(tr("Tạo bản &sửa đổi…")));
    doc->Append(kIdMigrate, wxs(tr("Chuyển sang ấn &bản khác…")));
    doc->AppendSeparator();
    doc->Append(kIdJustify, wxs(tr("&Giải trình cảnh báo đang chọn…")) + "\tCtrl+J");
    bar->Append(doc, wxs(tr("&Báo cáo")));

    auto* tools = new wxMenu;
    tools->Append(kIdUnitProfile, wxs(tr("Thông tin &đơn vị…")));
    tools->Append(kIdAddSamples, wxs(tr("Thêm báo cáo &mẫu")));
    tools->Append(kIdPlugins, wxs(tr("&Plugin…")));
    auto* lang = new wxMenu;
    lang->AppendRadioItem(kIdLangVi, wxs(tr("Tiếng Việt")));
    lang->AppendRadioItem(kIdLangEn, wxs(tr("English")));
    lang->Check(i18n::language() == i18n::Language::English ? kIdLangEn : kIdLangVi, true);
    tools->AppendSubMenu(lang, wxs(tr("&Ngôn ngữ (áp dụng khi mở lại)")));
    bar->Append(tools, wxs(tr("&Công cụ")));

    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, wxs(tr("&Giới thiệu")));
    bar->Append(help, wxs(tr("Trợ &giúp")));
    SetMenuBar(bar);
    rebuild_recent_menu();

    Bind(wxEVT_MENU, [this](wxCommandEvent&) { new_report(); }, wxID_NEW);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { show_consolidation(); }, kIdConsolidate);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { open_dialog(); }, wxID_OPEN);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) save(*v); }, wxID_SAVE);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) save_as(*v); }, wxID_SAVEAS);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { export_current(); }, kIdExport);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { export_again_current(); }, kIdExportAgain);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) close_view(*v); }, wxID_CLOSE);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->undo(); }, wxID_UNDO);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->redo(); }, wxID_REDO);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->next_finding(+1); }, kIdNextFinding);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->next_finding(-1); }, kIdPrevFinding);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        if (auto* v = current_view()) {
            v->show_page(ReportView::Page::Narrative);
            v->insert_draft();
        }
    }, kIdDraft);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->show_page(ReportView::Page::Narrative); }, kIdPageNarrative);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->show_page(ReportView::Page::Appendix); }, kIdPageAppendix);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->show_page(ReportView::Page::Header); }, kIdPageHeader);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->show_page(ReportView::Page::History); }, kIdPageHistory);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { tree_->SetFocus(); }, kIdFocusWorkspace);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->set_status(report::Status::Complete); }, kIdMarkComplete);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->set_status(report::Status::Draft); }, kIdBackToDraft);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) submit(*v); }, kIdSubmit);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) create_amendment(*v); }, kIdAmend);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) migrate_report(*v); }, kIdMigrate);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { if (auto* v = current_view()) v->justify_selected(); }, kIdJustify);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { refresh_workspace(); }, kIdRefreshWorkspace);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { choose_workspace(); }, kIdChooseWorkspace);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { edit_unit_profile(); }, kIdUnitProfile);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { add_samples(); }, kIdAddSamples);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { show_plugins(); }, kIdPlugins);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { set_language("vi"); }, kIdLangVi);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { set_language("en"); }, kIdLangEn);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        wxMessageBox(wxs(trf("ReportBench {}\n{}", "0.1.0",
                             tr("Bàn làm việc báo cáo định kỳ của UBND cấp xã."))),
                     wxs(tr("Giới thiệu")), wxOK | wxICON_INFORMATION, this);
    }, wxID_ABOUT);
    Bind(wxEVT_MENU, [this](wxCommandEvent& e) {
        const auto i = static_cast<std::size_t>(e.GetId() - kIdRecentBase);
        if (i < settings_.recent.size()) open_file(settings_.recent[i]);
    }, kIdRecentBase, kIdRecentBase + static_cast<int>(session::Settings::kMaxRecent));
}

void MainFrame::build_toolbar() {
    auto* tb = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT | wxTB_HORZ_LAYOUT);
    const wxSize sz = FromDIP(wxSize(16, 16));
    tb->AddTool(wxID_NEW, wxs(tr("Tạo mới")), wxArtProvider::GetBitmap(wxART_NEW, wxART_TOOLBAR, sz),
                wxs(tr("Tạo báo cáo mới (Ctrl+N)")));
    tb->AddTool(wxID_OPEN, wxs(tr("Mở")), wxArtProvider::GetBitmap(wxART_FILE_OPEN, wxART_TOOLBAR, sz),
                wxs(tr("Mở báo cáo (Ctrl+O)")));
    tb->AddTool(wxID_SAVE, wxs(tr("Lưu")), wxArtProvider::GetBitmap(wxART_FILE_SAVE, wxART_TOOLBAR, sz),
                wxs(tr("Lưu báo cáo (Ctrl+S)")));
    tb->AddSeparator();
    tb->AddTool(wxID_UNDO, wxs(tr("Hoàn tác")), wxArtProvider::GetBitmap(wxART_UNDO, wxART_TOOLBAR, sz),
                wxs(tr("Hoàn tác (Ctrl+Z)")));
    tb->AddTool(wxID_REDO, wxs(tr("Làm lại")), wxArtProvider::GetBitmap(wxART_REDO, wxART_TOOLBAR, sz),
                wxs(tr("Làm lại (Ctrl+Y)")));
    tb->AddSeparator();
    tb->AddTool(kIdNextFinding, wxs(tr("Lỗi tiếp theo")), wxArtProvider::GetBitmap(wxART_GO_FORWARD, wxART_TOOLBAR, sz),
                wxs(tr("Đến kết quả kiểm tra tiếp theo (F8)")));
    tb->AddTool(kIdExport, wxs(tr("Xuất")), wxArtProvider::GetBitmap(wxART_FILE_SAVE_AS, wxART_TOOLBAR, sz),
                wxs(tr("Xuất báo cáo (Ctrl+E)")));
    tb->Realize();
}

void MainFrame::rebuild_recent_menu() {
    while (recent_menu_->GetMenuItemCount() > 0) recent_menu_->Destroy(recent_menu_->FindItemByPosition(0));
    for (std::size_t i = 0; i < settings_.recent.size(); ++i)
        recent_menu_->Append(kIdRecentBase + static_cast<int>(i),
                             wxString::Format("&%zu  ", i + 1) + wxs(settings_.recent[i]));
    if (settings_.recent.empty()) recent_menu_->Append(wxID_ANY, wxs(tr("(chưa có)")))->Enable(false);
}

void MainFrame::save_settings() {
    const std::string path = options_.settings_path.empty() ? session::Settings::default_path() : options_.settings_path;
    if (auto ok = settings_.save(path); !ok) set_status(ok.error());
}

void MainFrame::remember(const std::string& path) {
    settings_.add_recent(path);
    save_settings();
    rebuild_recent_menu();
}

void MainFrame::set_status(const std::string& message) { SetStatusText(wxs(message), 0); }

void MainFrame::refresh_workspace() {
    workspace_.scan(*registry_);
    workspace_label_->SetLabel(wxs(trf("Thư mục báo cáo: {}", display_folder(workspace_.folder()))));
    workspace_label_->SetToolTip(wxs(workspace_.folder()));
    tree_->Freeze();
    tree_->DeleteAllItems();
    const auto root = tree_->AddRoot(wxString());
    if (workspace_.groups().empty()) {
        tree_->AppendItem(root, wxs(tr("(chưa có báo cáo nào)")));
    }
    for (const auto& kind : workspace_.groups()) {
        // The short name first: a narrow list still tells the kinds apart.
        const std::string label = kind.type_id.empty()              ? std::string(tr("Tệp không đọc được"))
                                  : kind.short_title.empty() || kind.short_title == kind.title ? kind.title
                                                                    : kind.short_title + " — " + kind.title;
        const auto k = tree_->AppendItem(root, wxs(label));
        tree_->SetItemBold(k);
        for (const auto& period : kind.periods) {
            auto p = k;
            if (!kind.type_id.empty()) p = tree_->AppendItem(k, wxs(period.period.label(i18n::language())));
            for (const auto* s : period.reports) {
                const std::string name = s->readable ? s->unit : paths::file_name(s->path);
                const auto item =
                    tree_->AppendItem(p, wxs(trf("{} — {}", name.empty() ? paths::file_name(s->path) : name,
                                                 summary_status(*s))),
                                      -1, -1, new PathData(s->path));
                if (!s->readable || (s->evaluated && s->errors > 0)) tree_->SetItemTextColour(item, wxColour(180, 0, 0));
                else if (s->status != report::Status::Draft) tree_->SetItemTextColour(item, wxColour(0, 110, 0));
            }
        }
    }
    tree_->ExpandAll();
    tree_->Thaw();
}

void MainFrame::on_tree_activated(wxTreeEvent& e) {
    auto* d = dynamic_cast<PathData*>(tree_->GetItemData(e.GetItem()));
    if (d) open_file(d->path);
}

ReportView* MainFrame::current_view() {
    const int sel = notebook_->GetSelection();
    return sel < 0 ? nullptr : dynamic_cast<ReportView*>(notebook_->GetPage(static_cast<std::size_t>(sel)));
}

std::size_t MainFrame::view_count() const { return notebook_->GetPageCount(); }

ReportView* MainFrame::view(std::size_t index) {
    return index < notebook_->GetPageCount() ? dynamic_cast<ReportView*>(notebook_->GetPage(index)) : nullptr;
}

ConsolidationFrame* MainFrame::show_consolidation() {
    if (!consolidation_) {
        // Closing it only hides it (ConsolidationFrame), so the pointer stays valid until this
        // frame destroys its children.
        consolidation_ = new ConsolidationFrame(
            this, registry_, [this](const std::string& path) { open_file(path); }, options_.unattended);
    }
    consolidation_->Show();
    consolidation_->Raise();
    return consolidation_;
}

void MainFrame::select_view(ReportView* v) {
    const int i = notebook_->FindPage(v);
    if (i >= 0) notebook_->SetSelection(static_cast<std::size_t>(i));
}

ReportView* MainFrame::open_file(const std::string& path) {
    std::error_code ec;
    const std::string abs = paths::text_of(fs::weakly_canonical(fs::absolute(paths::fs_path(path), ec), ec));
    for (std::size_t i = 0; i < view_count(); ++i) {
        auto* v = view(i);
        if (v && !v->session().path().empty() && paths::text_of(fs::weakly_canonical(paths::fs_path(v->session().path()), ec)) == abs) {
            select_view(v);
            return v;
        }
    }
    auto s = session::EditSession::open(*registry_, path);
    if (!s) {
        set_status(s.error());
        if (options_.unattended) std::cerr << s.error() << '\n';
        else wxMessageBox(wxs(s.error()), wxs(tr("Không mở được báo cáo")), wxOK | wxICON_ERROR, this);
        return nullptr;
    }
    // The previous period's report, when the workspace has it, feeds the cumulative checks.
    if (auto prev = workspace_.find_previous((*s)->report())) {
        if (auto r = report::load(*prev)) (*s)->set_previous(std::move(*r));
    }
    remember(path);
    return add_session(std::move(*s));
}

std::string MainFrame::tab_label(const session::EditSession& s) {
    // Unit, period and kind tell two tabs apart where file names often do not (every commune
    // saves "bao-cao-quy-1.rbr"); the file is in the tooltip and the title bar.
    const auto& r = s.report();
    return trf("{} · {} · {}", r.unit.name.empty() ? s.display_name() : r.unit.name,
               r.period.label(i18n::language()), s.type().short_title.get()) +
           (s.dirty() ? " *" : "");
}

std::string MainFrame::tab_tooltip(std::size_t i) {
    auto* v = view(i);
    if (!v) return {};
    const auto& s = v->session();
    return s.path().empty() ? s.type().title.get() : s.type().title.get() + "\n" + display_folder(s.path());
}

ReportView* MainFrame::add_session(std::unique_ptr<session::EditSession> s) {
    const std::string name = tab_label(*s);
    // The unit's earlier reports in the workspace, read once: the check against the unit's own
    // history runs after every edit, and the History page compares and draws from them.
    const history::Index index(workspace_);
    auto context = std::make_shared<const history::Context>(history::Context::load(*registry_, index, s->report()));
    s->set_extra_checks([context](const validate::Evaluation& ev, const report::Report& r) {
        return context->check(r, ev);
    });
    auto* v = new ReportView(notebook_, std::move(s), [this](ReportView& changed) { on_view_changed(changed); });
    v->set_history_context(context);
    v->set_findings_height(settings_.findings_height, [this](int dip) { settings_.findings_height = dip; });
    if (!welcome_->IsShown() && notebook_->IsShown()) {
        notebook_->AddPage(v, wxs(name), true);
    } else {
        welcome_->Hide();
        notebook_->Show();
        notebook_->AddPage(v, wxs(name), true);
        notebook_->GetParent()->Layout();
    }
    on_view_changed(*v);
    return v;
}

void MainFrame::on_view_changed(ReportView& v) {
    const int i = notebook_->FindPage(&v);
    if (i >= 0) {
        const wxString label = wxs(tab_label(v.session()));
        if (notebook_->GetPageText(static_cast<std::size_t>(i)) != label)
            notebook_->SetPageText(static_cast<std::size_t>(i), label);
    }
    if (&v == current_view()) update_status();
}

void MainFrame::update_status() {
    // Runs after every keystroke: only what changed is touched, since each GTK call that sets
    // a widget's state queues a relayout or a repaint even when the state is the same.
    ReportView* v = current_view();
    auto* bar = GetMenuBar();
    auto* tb = GetToolBar();
    auto enable = [&](int id, bool on) {
        if (bar->IsEnabled(id) != on) bar->Enable(id, on);
        if (tb->FindById(id) && tb->GetToolEnabled(id) != on) tb->EnableTool(id, on);
    };
    auto status = [&](const wxString& text, int field) {
        if (GetStatusBar()->GetStatusText(field) != text) SetStatusText(text, field);
    };
    auto title = [&](const wxString& text) {
        if (GetTitle() != text) SetTitle(text);
    };
    const bool have = v != nullptr;
    const bool editable = have && !v->session().read_only();
    for (int id : std::initializer_list<int>{wxID_SAVE, wxID_SAVEAS, kIdExport, wxID_CLOSE, kIdNextFinding, kIdPrevFinding, kIdPageNarrative,
                   kIdPageAppendix, kIdPageHeader, kIdPageHistory})
        enable(id, have);
    if (bar->IsEnabled(kIdDraft) != editable) bar->Enable(kIdDraft, editable);
    const bool again = have && last_export(v->session().path()) != nullptr;
    if (bar->IsEnabled(kIdExportAgain) != again) bar->Enable(kIdExportAgain, again);
    const auto doc_status = have ? v->session().report().status : report::Status::Draft;
    enable(kIdMarkComplete, editable && doc_status == report::Status::Draft);
    enable(kIdBackToDraft, editable && doc_status == report::Status::Complete);
    enable(kIdSubmit, editable && doc_status == report::Status::Complete);
    enable(kIdAmend, have && !v->session().report().read_only && doc_status == report::Status::Submitted);
    enable(kIdJustify, editable);
    enable(kIdMigrate, have && registry_->editions(v->session().report().type_id).size() > 1);
    enable(wxID_UNDO, editable && v->session().can_undo());
    enable(wxID_REDO, editable && v->session().can_redo());
    if (!v) {
        status(wxString(), 1);
        status(wxString(), 2);
        status(wxString(), 3);
        title(wxs(tr("ReportBench — Bàn làm việc báo cáo")));
        return;
    }
    const auto& res = v->session().findings();
    status(res.accepted > 0 ? wxs(trf("{} lỗi, {} cảnh báo, {} đã giải trình", res.errors, res.warnings, res.accepted))
                            : wxs(trf("{} lỗi, {} cảnh báo", res.errors, res.warnings)),
           1);
    status(wxs(trf("Đã điền {:.0f}%", v->session().completeness())), 2);
    status(wxs(status_text(v->session().report())), 3);
    title(wxs(v->session().display_name() + (v->session().dirty() ? " *" : "") + " — ReportBench"));
}

bool MainFrame::save(ReportView& v) {
    v.commit_pending_edits();
    if (v.session().path().empty()) return save_as(v);
    if (auto ok = v.session().save(); !ok) {
        v.show_error(ok.error());
        return false;
    }
    journal_->write(v.session());  // clean now: removes its journal
    set_status(trf("Đã lưu {}", display_folder(v.session().path())));
    on_view_changed(v);
    refresh_workspace();
    return true;
}

bool MainFrame::save_as(ReportView& v) {
    v.commit_pending_edits();
    const std::string suggested = v.session().path().empty()
                                      ? session::suggested_file_name(v.session().report())
                                      : paths::file_name(v.session().path());
    const std::string folder = v.session().path().empty() ? workspace_.folder()
                                                          : paths::parent(v.session().path());
    wxFileDialog dlg(this, wxs(tr("Lưu báo cáo thành")), wxs(folder), wxs(suggested),
                     wxs(tr("Báo cáo ReportBench (*.rbr)|*.rbr")), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return false;
    std::string path = utf8(dlg.GetPath());
    if (paths::fs_path(path).extension() != ".rbr") path += ".rbr";
    if (auto ok = v.session().save_as(path); !ok) {
        v.show_error(ok.error());
        return false;
    }
    journal_->write(v.session());
    remember(path);
    on_view_changed(v);
    refresh_workspace();
    return true;
}

bool MainFrame::close_view(ReportView& v, bool ask) {
    v.commit_pending_edits();
    if (ask && v.session().dirty()) {
        select_view(&v);
        wxMessageDialog dlg(this, wxs(trf("Báo cáo “{}” có thay đổi chưa lưu. Lưu trước khi đóng?", v.session().display_name())),
                            wxs(tr("Thay đổi chưa lưu")), wxYES_NO | wxCANCEL | wxICON_QUESTION);
        dlg.SetYesNoCancelLabels(wxs(tr("Lưu")), wxs(tr("Không lưu")), wxs(tr("Hủy")));
        const int answer = dlg.ShowModal();
        if (answer == wxID_CANCEL) return false;
        if (answer == wxID_YES && !save(v)) return false;
    }
    journal_->forget(v.session());  // closed on purpose: nothing to offer back
    const int i = notebook_->FindPage(&v);
    if (i >= 0) notebook_->DeletePage(static_cast<std::size_t>(i));
    if (notebook_->GetPageCount() == 0) {
        notebook_->Hide();
        welcome_->Show();
        welcome_->GetParent()->Layout();
    }
    update_status();
    return true;
}

bool MainFrame::submit(ReportView& v, bool ask) {
    v.commit_pending_edits();
    if (v.session().report().status != report::Status::Complete) {
        // The session gives the reason (errors left, or not complete yet).
        return v.set_status(report::Status::Submitted);
    }
    if (ask) {
        wxMessageDialog dlg(this,
                            wxs(trf("Đánh dấu “{}” là đã nộp?\n\nBáo cáo đã nộp bị khóa: không sửa được nữa và "
                                    "không hoàn tác được. Muốn sửa sau này phải tạo bản sửa đổi.",
                                    v.session().display_name())),
                            wxs(tr("Đánh dấu đã nộp")), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        dlg.SetYesNoLabels(wxs(tr("Đã nộp, khóa báo cáo")), wxs(tr("Hủy")));
        if (dlg.ShowModal() != wxID_YES) return false;
    }
    if (!v.set_status(report::Status::Submitted)) return false;
    if (!v.session().path().empty()) return save(v);
    return save_as(v);
}

ReportView* MainFrame::create_amendment(ReportView& v) {
    if (v.session().report().status != report::Status::Submitted) {
        v.show_error(tr("Chỉ tạo bản sửa đổi cho báo cáo đã nộp; báo cáo chưa nộp thì sửa trực tiếp."));
        return nullptr;
    }
    std::string suggested = v.session().suggested_amendment_path();
    if (suggested.empty()) suggested = paths::join(workspace_.folder(), session::suggested_file_name(v.session().report()));
    wxFileDialog dlg(this, wxs(tr("Lưu bản sửa đổi thành")), wxs(paths::parent(suggested)),
                     wxs(paths::file_name(suggested)), wxs(tr("Báo cáo ReportBench (*.rbr)|*.rbr")),
                     wxFD_SAVE);
    if (dlg.ShowModal() != wxID_OK) return nullptr;
    std::string path = utf8(dlg.GetPath());
    if (paths::fs_path(path).extension() != ".rbr") path += ".rbr";
    return create_amendment(v, path);
}

ReportView* MainFrame::create_amendment(ReportView& v, const std::string& path) {
    auto s = v.session().make_amendment(path);
    if (!s) {
        v.show_error(s.error());
        return nullptr;
    }
    remember(path);
    auto* nv = add_session(std::move(*s));
    set_status(trf("Đã tạo bản sửa đổi lần {} tại {}; bản gốc được giữ nguyên.", nv->session().report().amendment, path));
    refresh_workspace();
    return nv;
}

ReportView* MainFrame::migrate_report(ReportView& v) {
    MigrateDialog dlg(this, *registry_, v.session().report(), v.session().path());
    if (dlg.ShowModal() != wxID_OK || !dlg.result()) return nullptr;
    const migrate::Migrated& m = *dlg.result();
    auto s = session::EditSession::create(*registry_, m.report, {}, true);
    if (!s) {
        v.show_error(s.error());
        return nullptr;
    }
    if (auto ok = (*s)->save_as(dlg.path()); !ok) {
        v.show_error(ok.error());
        return nullptr;
    }
    remember(dlg.path());
    auto* nv = add_session(std::move(*s));
    set_status(trf("Đã tạo báo cáo theo ấn bản {} tại {}; {} mục cần xem lại; báo cáo gốc được giữ nguyên.",
                   m.report.edition, display_folder(dlg.path()), m.attention()));
    refresh_workspace();
    return nv;
}

void MainFrame::autosave() {
    for (std::size_t i = 0; i < view_count(); ++i) {
        auto* v = view(i);
        if (!v) continue;
        if (auto ok = journal_->write(v->session()); !ok) set_status(ok.error());
    }
}

void MainFrame::on_close(wxCloseEvent& e) {
    while (view_count() > 0) {
        ReportView* v = view(view_count() - 1);
        if (!close_view(*v, e.CanVeto())) {
            e.Veto();
            return;
        }
    }
    autosave_timer_.Stop();
    // The window as the user left it, for the next start.
    settings_.window_maximized = IsMaximized();
    if (!IsMaximized() && !IsIconized()) {
        const wxSize size = ToDIP(GetSize());
        settings_.window_width = size.x;
        settings_.window_height = size.y;
    }
    settings_.workspace_width = ToDIP(split_->GetSashPosition());
    save_settings();
    Destroy();
}

void MainFrame::fit_to_screen() {
    const int index = wxDisplay::GetFromWindow(this);
    const wxRect area = wxDisplay(index == wxNOT_FOUND ? 0U : static_cast<unsigned>(index)).GetClientArea();
    wxSize want = settings_.window_width > 0 && settings_.window_height > 0
                      ? FromDIP(wxSize(settings_.window_width, settings_.window_height))
                      : FromDIP(wxSize(1280, 800));
    // An office laptop's 1366×768 less the taskbar: the status bar and the findings stay on it.
    want.x = std::min(want.x, area.width);
    want.y = std::min(want.y, area.height);
    SetMinSize(wxSize(std::min(FromDIP(760), area.width), std::min(FromDIP(520), area.height)));
    SetSize(wxRect(area.GetPosition() + (area.GetSize() - want) / 2, want));
    if (settings_.window_maximized) Maximize();
}

void MainFrame::open_dialog() {
    wxFileDialog dlg(this, wxs(tr("Mở báo cáo")), wxs(workspace_.folder()), wxString(),
                     wxs(tr("Báo cáo ReportBench (*.rbr)|*.rbr")), wxFD_OPEN | wxFD_FILE_MUST_EXIST | wxFD_MULTIPLE);
    if (dlg.ShowModal() != wxID_OK) return;
    wxArrayString paths;
    dlg.GetPaths(paths);
    for (const auto& p : paths) open_file(utf8(p));
}

void MainFrame::choose_workspace() {
    wxDirDialog dlg(this, wxs(tr("Chọn thư mục chứa các báo cáo")), wxs(workspace_.folder()));
    if (dlg.ShowModal() != wxID_OK) return;
    settings_.workspace = utf8(dlg.GetPath());
    save_settings();
    workspace_.set_folder(settings_.workspace);
    refresh_workspace();
}

void MainFrame::set_language(const std::string& code) {
    if (settings_.language == code) return;
    settings_.language = code;
    save_settings();
    const std::string msg = code == "en" ? std::string(tr("Giao diện sẽ dùng tiếng Anh từ lần mở sau."))
                                         : std::string(tr("Giao diện sẽ dùng tiếng Việt từ lần mở sau."));
    set_status(msg);
    wxMessageBox(wxs(msg), wxs(tr("Ngôn ngữ")), wxOK | wxICON_INFORMATION, this);
}

void MainFrame::offer_recoveries() {
    const auto pending = journal_->pending_recoveries();
    if (pending.empty()) return;
    RecoveryDialog dlg(this, pending);
    const int answer = dlg.ShowModal();
    if (answer == wxID_OK) {
        for (std::size_t i : dlg.checked()) {
            auto s = journal_->recover(pending[i], *registry_);
            if (!s) {
                wxMessageBox(wxs(s.error()), wxs(tr("Không khôi phục được")), wxOK | wxICON_ERROR, this);
                continue;
            }
            auto* v = add_session(std::move(*s));
            set_status(trf("Đã khôi phục thay đổi chưa lưu của {}", v->session().display_name()));
        }
    } else if (answer == wxID_DELETE) {
        for (std::size_t i : dlg.checked()) journal_->discard(pending[i]);
    }
}

bool MainFrame::offer_first_start() {
    if (settings_.first_start_done) return false;
    // Asked until answered, whatever the answer; a workspace that already holds reports is no
    // first start.
    auto answered = [this] {
        settings_.first_start_done = true;
        save_settings();
    };
    if (!session::workspace_is_empty(workspace_.folder())) {
        answered();
        return false;
    }
    const auto samples = session::find_samples(*registry_);
    if (!samples.empty()) {
        FirstStartDialog dlg(this, workspace_.folder(), samples);
        const int answer = dlg.ShowModal();
        if (answer == wxID_CANCEL) return true;  // closed without an answer: asked again next time
        answered();
        if (answer == wxID_OK) add_samples();
    } else {
        answered();
    }
    auto stored = session::load_user_unit_profile();
    if (stored && !*stored) edit_unit_profile();
    return true;
}

bool MainFrame::notice_refused_plugins() {
    const std::string seen = registry_->failures_fingerprint();
    if (seen == settings_.refused_plugins) return false;
    settings_.refused_plugins = seen;
    save_settings();
    if (seen.empty()) return false;
    const auto& failures = registry_->failures();
    const auto& first = failures.front();
    // The folder's name and the first problem, with file names relative to it: the bar has two
    // lines; the plugin list has the rest.
    std::string reason = first.reason.substr(0, first.reason.find('\n'));
    for (const std::string& prefix : {first.folder + "/", first.folder + "\\"})
        for (auto at = reason.find(prefix); at != std::string::npos; at = reason.find(prefix))
            reason.erase(at, prefix.size());
    const std::string name = paths::text_of(paths::fs_path(first.folder).filename());
    const std::string& text = plugin_notice_text_ =
        failures.size() == 1
            ? trf("Plugin “{}” không được nạp: {}", name, reason)
            : trf("{} plugin không được nạp. Plugin “{}”: {}", failures.size(), name, reason);
    plugin_notice_->ShowMessage(wxs(text), wxICON_WARNING);
    plugin_notice_->GetParent()->Layout();
    set_status(tr("Có plugin không được nạp; báo cáo thuộc loại của plugin đó chưa mở được."));
    return true;
}

void MainFrame::add_samples() {
    auto done = session::copy_samples(session::find_samples(*registry_), workspace_.folder());
    if (!done) {
        wxMessageBox(wxs(done.error()), wxs(tr("Không chép được báo cáo mẫu")), wxOK | wxICON_ERROR, this);
        return;
    }
    refresh_workspace();
    set_status(done->skipped.empty()
                   ? trf("Đã chép {} báo cáo mẫu vào thư mục báo cáo.", done->copied.size())
                   : trf("Đã chép {} báo cáo mẫu; {} tệp cùng tên đã có nên được giữ nguyên.", done->copied.size(),
                         done->skipped.size()));
}

void MainFrame::new_report() {
    auto stored = session::load_user_unit_profile();
    if (!stored) set_status(stored.error());
    NewReportDialog dlg(this, *registry_, workspace_, stored ? *stored : std::nullopt);
    if (dlg.ShowModal() != wxID_OK) return;
    auto s = session::EditSession::create(*registry_, dlg.result(), {}, true);
    if (!s) {
        wxMessageBox(wxs(s.error()), wxs(tr("Không tạo được báo cáo")), wxOK | wxICON_ERROR, this);
        return;
    }
    if (dlg.previous()) (*s)->set_previous(*dlg.previous());
    // Created straight into the workspace, like a form taken from the drawer: it is listed there
    // at once, and the journal covers it from the first keystroke.
    if (auto ok = (*s)->save_as(dlg.path()); !ok) {
        wxMessageBox(wxs(ok.error()), wxs(tr("Không tạo được báo cáo")), wxOK | wxICON_ERROR, this);
        return;
    }
    remember(dlg.path());
    add_session(std::move(*s));
    refresh_workspace();
}

void MainFrame::edit_unit_profile() {
    auto stored = session::load_user_unit_profile();
    if (!stored) wxMessageBox(wxs(stored.error()), wxs(tr("Thông tin đơn vị")), wxOK | wxICON_WARNING, this);
    report::UnitProfile initial;
    if (stored && *stored) initial = **stored;
    UnitProfileDialog dlg(this, initial);
    if (dlg.ShowModal() != wxID_OK) return;
    if (auto ok = session::save_user_unit_profile(dlg.profile()); !ok)
        wxMessageBox(wxs(ok.error()), wxs(tr("Thông tin đơn vị")), wxOK | wxICON_ERROR, this);
    else
        set_status(tr("Đã lưu thông tin đơn vị; báo cáo mới sẽ dùng thông tin này."));
}

void MainFrame::show_plugins() {
    PluginDialog dlg(this, *registry_);
    dlg.ShowModal();
}

void MainFrame::export_again_current() {
    ReportView* v = current_view();
    if (!v) return;
    v->commit_pending_edits();
    auto written = export_again(*registry_, v->session());
    if (!written) {
        v->show_error(written.error());
        return;
    }
    v->hide_error();
    set_status(trf("Đã xuất {}", display_folder(*written)));
}

void MainFrame::export_current() {
    ReportView* v = current_view();
    if (!v) return;
    v->commit_pending_edits();
    const std::string folder = v->session().path().empty() ? workspace_.folder()
                                                            : paths::parent(v->session().path());
    ExportDialog dlg(this, *registry_, v->session(), folder);
    dlg.ShowModal();
}

}  // namespace rb::desktop
