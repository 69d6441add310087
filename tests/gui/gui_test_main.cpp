// One wx application for the whole test run, started only when tests actually run.
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/image.h>

#include "i18n/i18n.hpp"

namespace {

class TestApp : public wxApp {
public:
    bool OnInit() override { return true; }
};

void log_assert(const wxString& file, int line, const wxString&, const wxString& cond, const wxString& msg) {
    ADD_FAILURE() << "wx assertion " << file.utf8_string() << ":" << line << ": " << cond.utf8_string() << " "
                  << msg.utf8_string();
}

class WxEnvironment : public ::testing::Environment {
public:
    WxEnvironment(int argc, char** argv) : argc_(argc), argv_(argv) {}
    void SetUp() override {
        wxApp::SetInstance(new TestApp);
        ASSERT_TRUE(wxEntryStart(argc_, argv_)) << "no display: run under xvfb-run";
        wxTheApp->CallOnInit();
        wxSetAssertHandler(log_assert);
        wxInitAllImageHandlers();
        rb::i18n::set_language(rb::i18n::Language::Vietnamese);
    }
    void TearDown() override {
        wxTheApp->OnExit();
        wxEntryCleanup();
    }

private:
    int argc_;
    char** argv_;
};

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new WxEnvironment(argc, argv));
    return RUN_ALL_TESTS();
}
