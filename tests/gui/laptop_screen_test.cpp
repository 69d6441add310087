// The window on an office laptop's screen: CTest runs this suite on a 1366×768 and on a
// 1280×720 X server. The window opens inside the screen with the status bar and the findings on
// it, the findings keep their height when the window grows (as when it is maximised), and the
// size the user left comes back at the next start.
#include <wx/display.h>

#include "gui_test_support.hpp"
#include "session/settings.hpp"

namespace rb::test {
namespace {

using desktop::ReportView;

class LaptopScreen : public GuiTest {
protected:
    desktop::MainFrame* start() {
        desktop::ShellOptions o;
        o.registry = bundled_registry();
        o.workspace = (dir_ / "ws").string();
        frame_ = new desktop::MainFrame(std::move(o));  // its own size, as at a real start
        frame_->Show();
        pump(100);
        return frame_;
    }
    static bool inside(const wxRect& outer, const wxRect& r) { return outer.Contains(r); }
};

TEST_F(LaptopScreen, TheWindowFitsWithTheStatusBarAndFindingsOnScreen) {
    const wxRect area = wxDisplay(0U).GetClientArea();
    ASSERT_LE(area.height, 800) << "this suite runs on a laptop-sized X server (see tests/gui/CMakeLists.txt)";
    auto* frame = start();
    ReportView* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    v->show_page(ReportView::Page::Appendix);
    pump(300);

    EXPECT_TRUE(inside(area, frame->GetScreenRect())) << "window " << frame->GetScreenRect().GetWidth() << "×"
                                                      << frame->GetScreenRect().GetHeight();
    EXPECT_TRUE(inside(area, frame->GetStatusBar()->GetScreenRect())) << "the status bar is off the screen";
    const wxRect findings = v->findings()->GetScreenRect();
    EXPECT_TRUE(inside(area, findings)) << "the findings are off the screen";
    EXPECT_GE(findings.GetHeight(), frame->FromDIP(100)) << "findings squeezed";
    EXPECT_GE(v->grid()->GetScreenRect().GetHeight(), frame->FromDIP(200)) << "grid squeezed";
    const std::string name =
        "laptop-" + std::to_string(area.width) + "x" + std::to_string(area.height) + "-vi.png";
    capture_window(frame, name, std::min(area.width, 1200), std::min(area.height, 700));

    // Smaller, then as large as the screen again (what maximising does): the findings keep
    // their height instead of being squeezed to a row.
    const int before = v->findings_height();
    frame->SetSize(area.GetPosition().x, area.GetPosition().y, frame->FromDIP(800), frame->FromDIP(560));
    pump(200);
    frame->SetSize(area);
    pump(300);
    EXPECT_NEAR(v->findings_height(), before, 4);
    EXPECT_GE(v->findings()->GetScreenRect().GetHeight(), frame->FromDIP(100));
}

TEST_F(LaptopScreen, TheSizeTheUserLeftComesBackAtTheNextStart) {
    const wxRect area = wxDisplay(0U).GetClientArea();
    auto* frame = start();
    const wxSize chosen(frame->FromDIP(900), frame->FromDIP(600));
    frame->SetSize(chosen);
    pump(100);
    frame->Close(true);  // what the window's close button does
    frame_ = nullptr;
    pump(100);
    const auto s = session::Settings::load();
    EXPECT_EQ(s.window_width, 900);
    EXPECT_EQ(s.window_height, 600);
    EXPECT_GT(s.workspace_width, 0);

    frame = start();
    EXPECT_EQ(frame->GetSize(), chosen);
    EXPECT_TRUE(inside(area, frame->GetScreenRect()));

    // A size saved on a larger screen never opens past this one.
    frame->Destroy();
    frame_ = nullptr;
    pump();
    auto big = session::Settings::load();
    big.window_width = 1920;
    big.window_height = 1080;
    ASSERT_TRUE(big.save());
    frame = start();
    EXPECT_TRUE(inside(area, frame->GetScreenRect()))
        << frame->GetScreenRect().GetWidth() << "×" << frame->GetScreenRect().GetHeight();
}

}  // namespace
}  // namespace rb::test
