#pragma once
// Driving the real windows: one wx application for the whole test process (started in a gtest
// environment, so that listing the tests needs no display), a private user data folder per test,
// the bundled plugins of the build tree, and helpers that act on the real controls the way the
// toolkit does when a user acts (posted events, the grid's own cell editor), then let the event
// loop run.
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/frame.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toplevel.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include "appendix_grid.hpp"
#include "i18n/i18n.hpp"
#include "main_frame.hpp"
#include "plugin/registry.hpp"
#include "screenshot.hpp"
#include "wx_text.hpp"

namespace rb::test {

namespace fs = std::filesystem;

// Lets the event loop run until nothing is pending, and at least `ms` milliseconds.
inline void pump(int ms = 0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    do {
        wxTheApp->ProcessPendingEvents();
        while (wxTheApp->Pending()) wxTheApp->Dispatch();
        wxYield();
        if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    } while (std::chrono::steady_clock::now() < until);
}

// Lets the event loop run until `done` holds or `limit_ms` passed (a busy machine is slow, never
// wrong); returns whether it holds.
inline bool pump_until(const std::function<bool()>& done, int limit_ms = 15000) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        pump(20);
    }
    return true;
}

inline std::shared_ptr<const plugin::Registry> bundled_registry() {
    static auto reg = std::make_shared<const plugin::Registry>(
        plugin::Registry::discover(plugin::SearchPath{{std::string(RB_BUILD_DIR) + "/share/reportbench/plugins"}}));
    return reg;
}

inline fs::path sample(const std::string& plugin, const std::string& file) {
    return fs::path(RB_SOURCE_DIR) / "plugins" / plugin / "samples" / file;
}

inline fs::path screenshot_dir() { return fs::path(RB_BUILD_DIR) / "screenshots"; }

// A file's bytes, to show that a test left it as it was.
inline std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `action` on the first shown dialog of type T once it is open (a modal dialog runs its own
// event loop; this timer fires inside it). Gives up after `timeout_ms`.
template <class T>
class WhenDialog : public wxTimer {
public:
    WhenDialog(std::function<void(T&)> action, int timeout_ms = 10000)
        : action_(std::move(action)), deadline_(std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms)) {
        Start(50);
    }
    bool done() const { return done_; }
    void Notify() override {
        for (wxWindow* w : wxTopLevelWindows) {
            if (auto* d = dynamic_cast<T*>(w); d && d->IsShown() && d->IsModal()) {
                Stop();
                done_ = true;
                action_(*d);
                return;
            }
        }
        if (std::chrono::steady_clock::now() > deadline_) Stop();
    }

private:
    std::function<void(T&)> action_;
    std::chrono::steady_clock::time_point deadline_;
    bool done_ = false;
};

// A click on a button, as the toolkit delivers it.
inline void click(wxWindow* button) {
    wxCommandEvent e(wxEVT_BUTTON, button->GetId());
    e.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(e);
}

inline void choose(wxChoice* c, int index) {
    c->SetSelection(index);
    wxCommandEvent e(wxEVT_CHOICE, c->GetId());
    e.SetEventObject(c);
    e.SetInt(index);
    c->GetEventHandler()->ProcessEvent(e);
}

// The first entry whose label is `label`, or else contains it.
inline void choose(wxChoice* c, const std::string& label) {
    int i = c->FindString(desktop::wxs(label));
    for (unsigned k = 0; i == wxNOT_FOUND && k < c->GetCount(); ++k)
        if (desktop::utf8(c->GetString(k)).find(label) != std::string::npos) i = static_cast<int>(k);
    ASSERT_NE(i, wxNOT_FOUND) << "no choice " << label;
    choose(c, i);
}

inline void menu(wxFrame* frame, int id) {
    wxCommandEvent e(wxEVT_MENU, id);
    e.SetEventObject(frame);
    frame->GetEventHandler()->ProcessEvent(e);
}

// Types into a value cell through the grid's own editor: open it, put the text in its
// control, commit it as Enter does.
inline void type_in_cell(desktop::AppendixGrid* grid, int row, int col, const std::string& text) {
    grid->SetFocus();
    grid->SetGridCursor(row, col);
    grid->EnableCellEditControl();
    ASSERT_TRUE(grid->IsCellEditControlShown()) << "row " << row << " has no editor";
    wxGridCellEditor* editor = grid->GetCellEditor(row, col);
    auto* text_ctrl = dynamic_cast<wxTextCtrl*>(editor->GetControl());
    if (text_ctrl) {
        text_ctrl->SetValue(desktop::wxs(text));
    } else if (auto* choice = dynamic_cast<wxItemContainer*>(editor->GetControl())) {
        choice->SetStringSelection(desktop::wxs(text));
    }
    editor->DecRef();
    grid->DisableCellEditControl();  // what Enter does: the value is committed, the editor closed
    pump();
}

inline void type_value(desktop::ReportView* v, const std::string& code, const std::string& text) {
    v->show_page(desktop::ReportView::Page::Appendix);
    pump();
    auto row = v->grid()->row_of(code);
    ASSERT_TRUE(row.has_value()) << code;
    type_in_cell(v->grid(), *row, desktop::AppendixGrid::kValue, text);
}

inline std::string cell(desktop::ReportView* v, const std::string& code,
                        int col = desktop::AppendixGrid::kValue) {
    auto row = v->grid()->row_of(code);
    if (!row) return "<no row " + code + ">";
    return desktop::utf8(v->grid()->GetCellValue(*row, col));
}

// A static text's label as written: Wrap() turned some spaces into line breaks, where depends on
// the machine's fonts, so they are spaces again.
inline std::string label_text(const wxWindow* w) {
    std::string s = desktop::utf8(w->GetLabel());
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

// What a window shows in words: the labels of the controls on screen, split into the program's
// own chrome (menus, buttons, column headings, tab names; never report content) and the rest.
struct ShownText {
    std::vector<std::string> chrome;
    std::vector<std::string> other;
    bool any(std::string_view part) const {
        for (const auto* list : {&chrome, &other})
            for (const auto& s : *list)
                if (s.find(part) != std::string::npos) return true;
        return false;
    }
};

inline void collect_shown(wxWindow* w, ShownText& out) {
    if (!w->IsShownOnScreen()) return;
    auto plain = [](const wxString& label) {
        std::string s = desktop::utf8(wxControl::RemoveMnemonics(label));
        std::replace(s.begin(), s.end(), '\n', ' ');
        return s;
    };
    if (auto* f = dynamic_cast<wxFrame*>(w); f && f->GetMenuBar())
        for (std::size_t i = 0; i < f->GetMenuBar()->GetMenuCount(); ++i)
            out.chrome.push_back(plain(f->GetMenuBar()->GetMenuLabel(i)));
    if (dynamic_cast<wxButton*>(w) || dynamic_cast<wxCheckBox*>(w)) {
        if (!w->GetLabel().empty()) out.chrome.push_back(plain(w->GetLabel()));
    } else if (auto* nb = dynamic_cast<wxBookCtrlBase*>(w)) {
        // A report's tab names its unit, which is report content, not the program's words.
        for (std::size_t i = 0; i < nb->GetPageCount(); ++i)
            (dynamic_cast<desktop::ReportView*>(nb->GetPage(i)) ? out.other : out.chrome)
                .push_back(plain(nb->GetPageText(i)));
    } else if (auto* list = dynamic_cast<wxListCtrl*>(w); list && list->InReportView()) {
        for (int c = 0; c < list->GetColumnCount(); ++c) {
            wxListItem item;
            item.SetMask(wxLIST_MASK_TEXT);
            if (list->GetColumn(c, item)) out.chrome.push_back(plain(item.GetText()));
        }
    } else if (auto* grid = dynamic_cast<wxGrid*>(w)) {
        for (int c = 0; c < grid->GetNumberCols(); ++c) out.chrome.push_back(plain(grid->GetColLabelValue(c)));
    } else if (dynamic_cast<wxStaticText*>(w)) {
        out.other.push_back(plain(w->GetLabel()));
    }
    for (wxWindow* child : w->GetChildren()) collect_shown(child, out);
}

inline ShownText shown_text(wxWindow* w) {
    ShownText out;
    collect_shown(w, out);
    out.chrome.erase(std::remove(out.chrome.begin(), out.chrome.end(), std::string()), out.chrome.end());
    return out;
}

// Letters only Vietnamese uses among the two interface languages (any Latin letter with a mark).
inline bool has_vietnamese_letters(std::string_view s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xC3 || c == 0xC4 || c == 0xC5 || c == 0xC6 || (c == 0xE1 && static_cast<unsigned char>(s[i + 1]) >= 0xBA))
            return true;
    }
    return false;
}

// The picture shows the interface in the language its name says (NAME-vi.png, NAME-en.png):
// Vietnamese chrome has Vietnamese words; English chrome has none (report content, which stays
// Vietnamese, is not chrome).
inline void expect_language_shown(const ShownText& shown, const std::string& name) {
    const bool vi = name.find("-vi.") != std::string::npos;
    const bool en = name.find("-en.") != std::string::npos;
    ASSERT_TRUE(vi || en) << name << ": a screenshot's name ends in -vi or -en";
    EXPECT_EQ(i18n::language(), vi ? i18n::Language::Vietnamese : i18n::Language::English) << name;
    ASSERT_FALSE(shown.chrome.empty() && shown.other.empty()) << name << ": no words on screen";
    if (vi) {
        bool any = false;
        for (const auto* list : {&shown.chrome, &shown.other})
            for (const auto& s : *list) any = any || has_vietnamese_letters(s);
        EXPECT_TRUE(any) << name << ": no Vietnamese word on screen";
    } else {
        for (const auto& s : shown.chrome) EXPECT_FALSE(has_vietnamese_letters(s)) << name << ": “" << s << "” untranslated";
    }
}

// Saves the window as build/screenshots/NAME and checks the picture: a real one of the window's
// size (at least the given size) with many colours (text, tints and icons drawn, not an empty
// surface), showing the interface in the language its name says. Returns a digest of the
// pixels, so that tests can tell two pictures apart.
inline std::size_t capture_window(wxWindow* w, const std::string& name, int min_width, int min_height) {
    pump(300);
    expect_language_shown(shown_text(w), name);
    const fs::path file = screenshot_dir() / name;
    auto ok = desktop::save_window_png(w, file.string());
    EXPECT_TRUE(ok) << ok.error();
    wxImage img;
    if (!img.LoadFile(desktop::wxs(file.string()), wxBITMAP_TYPE_PNG)) {
        ADD_FAILURE() << "cannot read " << file;
        return 0;
    }
    EXPECT_GE(img.GetWidth(), min_width);
    EXPECT_GE(img.GetHeight(), min_height);
    EXPECT_EQ(img.GetWidth(), w->GetSize().GetWidth()) << name;
    EXPECT_EQ(img.GetHeight(), w->GetSize().GetHeight()) << name;
    std::set<unsigned> colours;
    const unsigned char* p = img.GetData();
    for (long i = 0; i < static_cast<long>(img.GetWidth()) * img.GetHeight(); i += 7)
        colours.insert((p[3 * i] << 16) | (p[3 * i + 1] << 8) | p[3 * i + 2]);
    EXPECT_GT(colours.size(), 20u) << name << " looks empty";
    return std::hash<std::string_view>{}(std::string_view(
        reinterpret_cast<const char*>(p), static_cast<std::size_t>(img.GetWidth()) * img.GetHeight() * 3));
}

// A private user data folder and workspace; the frame under test is destroyed at the end.
class GuiTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        dir_ = fs::temp_directory_path() / ("rb-gui-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(dir_ / "ws");
        setenv("XDG_DATA_HOME", (dir_ / "userdata").c_str(), 1);
        setenv("HOME", dir_.c_str(), 1);  // the window shows folders as ~/…, never this machine's paths
        unsetenv("REPORTBENCH_LANG");
        unsetenv("REPORTBENCH_TEST_SCRIPT");
        i18n::set_language(i18n::Language::Vietnamese);
    }
    void TearDown() override {
        destroy_frame();
        i18n::set_language(i18n::Language::Vietnamese);
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    desktop::MainFrame* make_frame(std::shared_ptr<const plugin::Registry> registry = bundled_registry()) {
        desktop::ShellOptions o;
        o.registry = std::move(registry);
        o.workspace = (dir_ / "ws").string();
        frame_ = new desktop::MainFrame(std::move(o));
        frame_->SetSize(wxSize(1280, 800));
        frame_->Show();
        pump(50);
        return frame_;
    }
    void destroy_frame() {
        if (!frame_) return;
        // Closing without questions: tests decide themselves what is saved.
        while (frame_->view_count() > 0) frame_->close_view(*frame_->view(frame_->view_count() - 1), false);
        frame_->Destroy();
        frame_ = nullptr;
        pump();
    }
    fs::path copy_to_workspace(const std::string& plugin, const std::string& file) {
        const fs::path to = dir_ / "ws" / file;
        fs::copy_file(sample(plugin, file), to, fs::copy_options::overwrite_existing);
        return to;
    }
    fs::path path(const std::string& name) const { return dir_ / name; }

    fs::path dir_;
    desktop::MainFrame* frame_ = nullptr;
};

}  // namespace rb::test
