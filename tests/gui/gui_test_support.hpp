#pragma once
// Driving the real windows: one wx application for the whole test process (started in a gtest
// environment, so that listing the tests needs no display), a private user data folder per test,
// the bundled plugins of the build tree, and helpers that act on the real controls the way the
// toolkit does when a user acts (posted events, the grid's own cell editor), then let the event
// loop run.
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toplevel.h>

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

// Saves the window as build/screenshots/NAME and checks the picture is a real one of at least
// the given size with many colours (text, tints and icons drawn, not an empty surface).
// Returns a digest of the pixels, so that tests can tell two pictures apart.
inline std::size_t capture_window(wxWindow* w, const std::string& name, int min_width, int min_height) {
    pump(300);
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

    desktop::MainFrame* make_frame() {
        desktop::ShellOptions o;
        o.registry = bundled_registry();
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
