// Pictures of the real window, in Vietnamese and in English, written to <build>/screenshots/
// for people to look at (docs, reviews). Each test also checks what it can of the picture.
#include <wx/image.h>
#include <wx/menu.h>

#include <functional>
#include <string_view>

#include "dialogs.hpp"
#include "gui_test_support.hpp"
#include "process_support.hpp"
#include "screenshot.hpp"

namespace rb::test {
namespace {

using desktop::ReportView;

class Screenshots : public GuiTest {
protected:
    desktop::MainFrame* frame_with_workspace() {
        copy_to_workspace("iso9001", "hai-hau-2025.rbr");
        copy_to_workspace("iso9001", "hai-hau-2025-mistakes.rbr");
        copy_to_workspace("digital", "ninh-giang-2025-q3.rbr");
        seed_ = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
        return make_frame();
    }
    fs::path seed_;
};

TEST_F(Screenshots, MainWindowInVietnamese) {
    auto* frame = frame_with_workspace();
    ReportView* v = frame->open_file(seed_.string());
    ASSERT_NE(v, nullptr);
    v->select_section("II.2");
    EXPECT_EQ(desktop::utf8(frame->GetMenuBar()->GetMenuLabelText(0)), "Tệp");
    capture_window(frame, "main-vi.png", 1000, 700);
}

TEST_F(Screenshots, MainWindowInEnglish) {
    i18n::set_language(i18n::Language::English);
    auto* frame = frame_with_workspace();
    ReportView* v = frame->open_file(seed_.string());
    ASSERT_NE(v, nullptr);
    v->select_section("II.2");
    EXPECT_EQ(desktop::utf8(frame->GetMenuBar()->GetMenuLabelText(0)), "File");
    EXPECT_EQ(desktop::utf8(v->grid()->GetColLabelValue(desktop::AppendixGrid::kValue)), "Figure");
    capture_window(frame, "main-en.png", 1000, 700);
}

TEST_F(Screenshots, GridWithAFindingSelected) {
    auto* frame = frame_with_workspace();
    ReportView* v = frame->open_file(seed_.string());
    ASSERT_NE(v, nullptr);
    v->show_page(ReportView::Page::Appendix);
    const std::size_t before = capture_window(frame, "grid-vi.png", 1000, 700);
    type_value(v, "I.2.2", "9");
    const auto& list = v->session().findings().findings;
    std::size_t index = list.size();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].rule == "plan-done-within-plan") index = i;
    ASSERT_LT(index, list.size());
    v->go_to_finding(index);
    const std::size_t after = capture_window(frame, "grid-finding-vi.png", 1000, 700);
    EXPECT_NE(before, after) << "the capture shows the window as it is now";
}

TEST_F(Screenshots, HeaderFormInEnglish) {
    i18n::set_language(i18n::Language::English);
    auto* frame = frame_with_workspace();
    ReportView* v = frame->open_file(seed_.string());
    ASSERT_NE(v, nullptr);
    v->show_page(ReportView::Page::Header);
    capture_window(frame, "header-en.png", 1000, 700);
}

TEST_F(Screenshots, NewReportWizard) {
    auto* frame = frame_with_workspace();
    bool captured = false;
    WhenDialog<desktop::NewReportDialog> shot([&](desktop::NewReportDialog& d) {
        capture_window(&d, "wizard-vi.png", 400, 300);
        captured = true;
        click(d.FindWindow(wxID_CANCEL));
    });
    frame->new_report();
    EXPECT_TRUE(captured);
    EXPECT_EQ(frame->view_count(), 0u);
}

TEST_F(Screenshots, TheProgramCapturesItselfWhenIdle) {
    const fs::path out = screenshot_dir() / "process-en.png";
    fs::remove(out);
    Child c = spawn(RB_DESKTOP, {"--lang", "en", "--workspace", (dir_ / "ws").string(), "--screenshot", out.string(),
                                 "--exit-when-idle", sample("cchc", "phuong-dinh-2024-q1.rbr").string()});
    EXPECT_EQ(wait_exit(c, 40000), 0);
    wxImage img;
    ASSERT_TRUE(img.LoadFile(desktop::wxs(out.string()), wxBITMAP_TYPE_PNG));
    EXPECT_GE(img.GetWidth(), 1000);
}

}  // namespace
}  // namespace rb::test
