// One wx application for the whole test run, started only when tests actually run.
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/image.h>

#include <cstdlib>
#include <filesystem>
#include <string>

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

// GTK reads the user's settings (theme, font, scale) when it starts: a private, empty home
// makes the windows the same on every machine whatever its user has configured.
std::string home;

void isolate_from_the_user() {
    char tmpl[] = "/tmp/rb-gui-home-XXXXXX";
    home = ::mkdtemp(tmpl) ? tmpl : "/tmp";
    ::setenv("HOME", home.c_str(), 1);
    for (const char* var : {"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"})
        ::setenv(var, (home + "/" + var).c_str(), 1);
    ::setenv("GTK_THEME", "Adwaita", 1);
    ::setenv("GDK_SCALE", "1", 1);
    ::setenv("GDK_DPI_SCALE", "1", 1);
    ::setenv("NO_AT_BRIDGE", "1", 1);  // no accessibility bus to wait for under Xvfb
    for (const char* var : {"REPORTBENCH_PLUGIN_PATH", "REPORTBENCH_LANG", "REPORTBENCH_DATA_DIR",
                            "REPORTBENCH_LOCALE_DIR", "GTK_MODULES"})
        ::unsetenv(var);
}

class WxEnvironment : public ::testing::Environment {
public:
    WxEnvironment(int argc, char** argv) : argc_(argc), argv_(argv) {}
    void SetUp() override {
        isolate_from_the_user();
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
        std::error_code ec;
        if (home.rfind("/tmp/rb-gui-home-", 0) == 0) std::filesystem::remove_all(home, ec);
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
