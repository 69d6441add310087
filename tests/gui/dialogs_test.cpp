// The wizard (fresh and from the previous period), the unit profile, the plugin manager and
// the export dialog, each driven through its controls.
#include <wx/listctrl.h>

#include "dialogs.hpp"
#include "gui_test_support.hpp"
#include "session/edit_session.hpp"
#include "session/new_report.hpp"

namespace rb::test {
namespace {

using desktop::NewReportDialog;
using desktop::UnitProfileDialog;

class Dialogs : public GuiTest {
protected:
    template <class T>
    static std::vector<T*> children_of(wxWindow* w) {
        std::vector<T*> out;
        for (wxWindow* c : w->GetChildren()) {
            if (auto* t = dynamic_cast<T*>(c)) out.push_back(t);
            for (auto* g : children_of<T>(c)) out.push_back(g);
        }
        return out;
    }
};

TEST_F(Dialogs, TheUnitProfileIsStoredOnceAndFillsEveryNewReport) {
    auto* frame = make_frame();
    WhenDialog<UnitProfileDialog> fill([&](UnitProfileDialog& d) {
        auto texts = children_of<wxTextCtrl>(&d);
        ASSERT_EQ(texts.size(), 11u);
        const char* values[] = {"Phương Định", "xã", "Trực Ninh", "huyện", "Nam Định", "Trực Hùng\n\nTrực Thuận", "Phương Định",
                                "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Minh Khâm",
                                "UBND huyện Trực Ninh\nPhòng Nội vụ\nLưu: VT"};
        for (std::size_t i = 0; i < texts.size(); ++i) texts[i]->SetValue(desktop::wxs(values[i]));
        click(d.FindWindow(wxID_OK));
    });
    frame->edit_unit_profile();
    ASSERT_TRUE(fill.done());
    auto stored = session::load_user_unit_profile();
    ASSERT_TRUE(stored && stored->has_value());
    EXPECT_EQ((*stored)->signer_name, "Nguyễn Minh Khâm");
    EXPECT_EQ((*stored)->recipients.size(), 3u);
    EXPECT_EQ((*stored)->unit.former_names, (std::vector<std::string>{"Trực Hùng", "Trực Thuận"}));

    const std::string file = (dir_ / "ws" / "new.rbr").string();
    std::string unit_shown;
    WhenDialog<NewReportDialog> wizard([&](NewReportDialog& d) {
        unit_shown = desktop::utf8(d.unit_control()->GetValue());
        choose(d.kind_choice(), "cải cách hành chính");
        d.year_control()->SetValue(2025);
        choose(d.period_choice(), "Quý III");
        d.path_control()->SetValue(desktop::wxs(file));
        click(d.FindWindow(wxID_OK));
    });
    frame->new_report();
    ASSERT_TRUE(wizard.done());
    EXPECT_EQ(unit_shown, "Phương Định");
    ASSERT_EQ(frame->view_count(), 1u);
    const auto& r = frame->current_view()->session().report();
    EXPECT_EQ(r.header.signer_name, "Nguyễn Minh Khâm");
    EXPECT_EQ(r.header.recipients.back(), "Lưu: VT");
    EXPECT_EQ(r.unit.parent, "Trực Ninh");
    EXPECT_EQ(r.unit.former_names.size(), 2u) << "a merged commune's predecessors go into each new report";
    EXPECT_EQ(r.period.code(), "2025-Q3");
}

TEST_F(Dialogs, TheWizardCarriesOverFromThePreviousPeriod) {
    const fs::path seed = copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr");
    auto* frame = make_frame();
    std::string period_shown;
    WhenDialog<NewReportDialog> wizard([&](NewReportDialog& d) {
        d.carry_button()->SetValue(true);
        wxCommandEvent e(wxEVT_RADIOBUTTON, d.carry_button()->GetId());
        e.SetEventObject(d.carry_button());
        d.carry_button()->GetEventHandler()->ProcessEvent(e);
        choose(d.previous_choice(), 0);
        period_shown = desktop::utf8(d.period_choice()->GetStringSelection()) + " " +
                       std::to_string(d.year_control()->GetValue());
        click(d.FindWindow(wxID_OK));
    });
    frame->new_report();
    ASSERT_TRUE(wizard.done());
    EXPECT_EQ(period_shown, "Quý II 2024") << "the period after the previous report's";
    ASSERT_EQ(frame->view_count(), 1u);
    const auto& s = frame->current_view()->session();
    const auto prev = report::load(seed.string());
    EXPECT_EQ(s.report().narrative, prev->narrative);
    EXPECT_TRUE(s.report().values.empty());
    EXPECT_EQ(s.report().header.signer_name, prev->header.signer_name);
    ASSERT_NE(s.previous(), nullptr) << "Q1 feeds Q2's cumulative checks";
    EXPECT_EQ(s.previous()->period.code(), "2024-Q1");
    EXPECT_TRUE(fs::exists(dir_ / "ws" / "cchc-phuong-dinh-2024-Q2.rbr"));
}

TEST_F(Dialogs, TheWizardShowsItsErrorsInPlace) {
    auto* frame = make_frame();
    std::string error;
    WhenDialog<NewReportDialog> wizard([&](NewReportDialog& d) {
        choose(d.kind_choice(), "cải cách hành chính");
        d.unit_control()->SetValue(wxString());
        click(d.FindWindow(wxID_OK));
        error = label_text(d.error_text());
        EXPECT_TRUE(d.IsModal()) << "a refused form stays open";
        click(d.FindWindow(wxID_CANCEL));
    });
    frame->new_report();
    ASSERT_TRUE(wizard.done());
    EXPECT_NE(error.find("tên đơn vị"), std::string::npos) << error;
    EXPECT_EQ(frame->view_count(), 0u);
}

TEST_F(Dialogs, ThePluginManagerListsPluginsAndFailuresWithReasons) {
    const fs::path broken = path("extra/broken");
    fs::create_directories(broken);
    std::ofstream(broken / "plugin.xml") << "<plugin";
    const auto reg = plugin::Registry::discover(
        plugin::SearchPath{{std::string(RB_BUILD_DIR) + "/share/reportbench/plugins", path("extra").string()}});
    auto* frame = make_frame();
    auto* dlg = new desktop::PluginDialog(frame, reg);
    dlg->Show();
    pump();
    auto lists = children_of<wxListCtrl>(dlg);
    ASSERT_EQ(lists.size(), 2u);
    EXPECT_EQ(lists[0]->GetItemCount(), static_cast<int>(reg.plugins().size()));
    EXPECT_GE(lists[0]->GetItemCount(), 3);
    bool cchc = false;
    for (long i = 0; i < lists[0]->GetItemCount(); ++i)
        if (desktop::utf8(lists[0]->GetItemText(i, 0)) == "cchc")
            cchc = desktop::utf8(lists[0]->GetItemText(i, 3)).find("cchc@nam-dinh-2024") != std::string::npos;
    EXPECT_TRUE(cchc);
    ASSERT_EQ(lists[1]->GetItemCount(), 1);
    EXPECT_NE(desktop::utf8(lists[1]->GetItemText(0, 0)).find("broken"), std::string::npos);
    EXPECT_FALSE(lists[1]->GetItemText(0, 1).empty());
    dlg->Destroy();
}

TEST_F(Dialogs, ARefusedPluginIsToldAtStartOnceForEachChangeAndItsReportsSayWhy) {
    // The officer's plugin brings type "ho-tich" but its definition has a typo in a rule.
    const fs::path broken = path("extra/ho-tich");
    fs::create_directories(broken);
    std::ofstream(broken / "plugin.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<plugin xmlns="urn:reportbench:plugin:1" id="ho-tich" version="1.0" apiVersion="1">
  <name>Hộ tịch</name><definition file="ho-tich.xml"/>
</plugin>
)";
    std::ofstream(broken / "ho-tich.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="ho-tich" edition="2025" version="1" formatVersion="1">
  <title>Hộ tịch</title><periods><period kind="quarter"/></periods>
  <narrative><section id="I"><title>I</title></section></narrative>
  <appendix><title>P</title><group code="I"><title>G</title>
    <indicator code="I.1" type="integer"><label>A</label></indicator></group></appendix>
  <rules><rule id="r1" severity="error" test="I.1 =< 5"><message>m</message></rule></rules>
</reportType>
)";
    auto discover = [&] {
        return std::make_shared<const plugin::Registry>(plugin::Registry::discover(
            plugin::SearchPath{{std::string(RB_BUILD_DIR) + "/share/reportbench/plugins", path("extra").string()}}));
    };
    auto reg = discover();
    ASSERT_EQ(reg->failures().size(), 1u);
    auto* frame = make_frame(reg);
    EXPECT_FALSE(frame->plugin_notice()->IsShown());
    ASSERT_TRUE(frame->notice_refused_plugins());
    pump(300);
    EXPECT_TRUE(frame->plugin_notice()->IsShown());
    const std::string said = frame->plugin_notice_text() +
                             desktop::utf8(frame->GetStatusBar()->GetStatusText(0));
    EXPECT_NE(said.find("ho-tich"), std::string::npos) << said;
    EXPECT_NE(said.find("&lt;="), std::string::npos) << "the reason, with the fix: " << said;
    fs::create_directories(screenshot_dir());
    EXPECT_TRUE(desktop::save_window_png(frame, (screenshot_dir() / "refused-plugin-notice.png").string()));
    destroy_frame();
    // Started again with nothing changed: not told again.
    frame = make_frame(reg);
    EXPECT_FALSE(frame->notice_refused_plugins());
    EXPECT_FALSE(frame->plugin_notice()->IsShown());
    // A report of that type says why it cannot be opened.
    const fs::path report = path("ws/ho-tich.rbr");
    std::string text = slurp(sample("cchc", "phuong-dinh-2024-q1.rbr"));
    const std::string type = R"(id="cchc" version="1.0" edition="nam-dinh-2024")";
    ASSERT_NE(text.find(type), std::string::npos);
    text.replace(text.find(type), type.size(), R"(id="ho-tich" version="1" edition="2025")");
    std::ofstream(report) << text;
    auto s = session::EditSession::open(*reg, report.string());
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().find("không được nạp"), std::string::npos) << s.error();
    EXPECT_NE(s.error().find("&lt;="), std::string::npos) << "the reason, with the fix: " << s.error();
    destroy_frame();
    // Another change (the plugin fixed, then broken differently): told again.
    std::ofstream(broken / "plugin.xml") << "<plugin";
    frame = make_frame(discover());
    EXPECT_TRUE(frame->notice_refused_plugins());
}

TEST_F(Dialogs, ExportWritesTheFileAndOffersTheFolder) {
    auto* frame = make_frame();
    auto* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    auto* dlg = new desktop::ExportDialog(frame, frame->registry(), v->session(), path("out").string());
    fs::create_directories(path("out"));
    dlg->Show();
    pump();
    if (dlg->format_choice()->GetCount() == 0) {
        dlg->Destroy();
        GTEST_SKIP() << "this build has no exporters";
    }
    const int json = dlg->format_choice()->FindString("JSON", false);
    choose(dlg->format_choice(), json != wxNOT_FOUND ? json : 0);
    auto written = dlg->run_export();
    ASSERT_TRUE(written) << written.error();
    EXPECT_TRUE(fs::exists(*written));
    EXPECT_EQ(fs::path(*written).parent_path(), path("out"));
    // A folder that does not exist is refused with its name.
    dlg->folder_control()->SetValue(desktop::wxs(path("nowhere").string()));
    auto refused = dlg->run_export();
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("nowhere"), std::string::npos);
    dlg->Destroy();
}

TEST_F(Dialogs, TheRecipientsLayoutStaysAcrossFormatsAndComesBackForTheReport) {
    auto* frame = make_frame();
    auto* v = frame->open_file(copy_to_workspace("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_NE(v, nullptr);
    fs::create_directories(path("out"));
    auto* dlg = new desktop::ExportDialog(frame, frame->registry(), v->session(), path("out").string());
    dlg->Show();
    pump();
    ASSERT_GT(dlg->format_choice()->GetCount(), 1u);
    choose(dlg->format_choice(), "DOCX");
    choose(dlg->profile_choice(), "Phụ lục 2");
    const wxString layout = dlg->profile_choice()->GetStringSelection();
    // Word, then Excel: the district's layout is still the one chosen.
    choose(dlg->format_choice(), "XLSX");
    EXPECT_EQ(dlg->profile_choice()->GetStringSelection(), layout);
    auto written = dlg->run_export();
    ASSERT_TRUE(written) << written.error();
    EXPECT_NE(desktop::utf8(layout).find("Phụ lục 2"), std::string::npos);
    dlg->Destroy();
    pump();
    // The next export of this report starts from what was used last.
    dlg = new desktop::ExportDialog(frame, frame->registry(), v->session(), path("out").string());
    dlg->Show();
    pump();
    EXPECT_NE(desktop::utf8(dlg->format_choice()->GetStringSelection()).find("XLSX"), std::string::npos);
    EXPECT_EQ(dlg->profile_choice()->GetStringSelection(), layout);
    dlg->Destroy();
    pump();

    // File → Export again: the same file again, no dialog, the status bar naming it.
    fs::remove(*written);
    menu(frame, desktop::kIdExportAgain);
    pump();
    EXPECT_TRUE(fs::exists(*written)) << *written;
    EXPECT_NE(desktop::utf8(frame->GetStatusBar()->GetStatusText(0)).find(fs::path(*written).filename().string()),
              std::string::npos);
    // A report never exported in this run: the command is off, and says why if called.
    auto* other = frame->open_file(copy_to_workspace("iso9001", "hai-hau-2025.rbr").string());
    ASSERT_NE(other, nullptr);
    pump();
    EXPECT_FALSE(frame->GetMenuBar()->IsEnabled(desktop::kIdExportAgain));
    auto refused = desktop::export_again(frame->registry(), other->session());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("Tệp → Xuất"), std::string::npos) << refused.error();
}

}  // namespace
}  // namespace rb::test
