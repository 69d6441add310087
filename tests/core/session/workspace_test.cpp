// The workspace folder read as reports by kind and period; new reports, from scratch and from
// the previous period; the stored unit profile and settings.
#include <gtest/gtest.h>

#include <thread>

#include "report/unit_profile.hpp"
#include "session/edit_session.hpp"
#include "session/new_report.hpp"
#include "session/settings.hpp"
#include "session/workspace.hpp"
#include "session_fixture.hpp"

namespace rb::test {
namespace {

using session::Workspace;

class WorkspaceTest : public SessionTest {};

TEST_F(WorkspaceTest, ReportsAreGroupedByKindThenPeriodWithTheirCounts) {
    copy_sample("cchc", "phuong-dinh-2024-q1.rbr", "ws/phuong-dinh-2024-q1.rbr");
    copy_sample("iso9001", "hai-hau-2025.rbr", "ws/hai-hau-2025.rbr");
    copy_sample("iso9001", "hai-hau-2025-mistakes.rbr", "ws/sub/hai-hau-2025-mistakes.rbr");
    copy_sample("digital", "ninh-giang-2025-q3.rbr", "ws/ninh-giang-2025-q3.rbr");
    std::ofstream(path("ws/broken.rbr")) << "<report";
    Workspace ws(path("ws").string());
    ws.scan(registry_);
    ASSERT_EQ(ws.reports().size(), 5u);
    ASSERT_EQ(ws.groups().size(), 4u);  // three kinds and the unreadable file
    EXPECT_TRUE(ws.groups().back().type_id.empty());
    EXPECT_FALSE(ws.groups().back().periods[0].reports[0]->problem.empty());
    const session::KindGroup* iso = nullptr;
    for (const auto& g : ws.groups())
        if (g.type_id == "iso9001") iso = &g;
    ASSERT_NE(iso, nullptr);
    ASSERT_EQ(iso->periods.size(), 1u);
    ASSERT_EQ(iso->periods[0].reports.size(), 2u);
    int with_errors = 0;
    for (const auto* r : iso->periods[0].reports) {
        EXPECT_TRUE(r->evaluated);
        if (r->errors > 0) ++with_errors;
    }
    EXPECT_EQ(with_errors, 1) << "the sample with mistakes has errors, the clean one none";
}

TEST_F(WorkspaceTest, AMissingFolderIsAnEmptyWorkspace) {
    Workspace ws(path("nowhere").string());
    ws.scan(registry_);
    EXPECT_TRUE(ws.reports().empty());
    EXPECT_TRUE(ws.groups().empty());
}

TEST_F(WorkspaceTest, ARescanSeesChangedFiles) {
    const auto p = copy_sample("cchc", "phuong-dinh-2024-q1.rbr", "ws/a.rbr");
    Workspace ws(path("ws").string());
    ws.scan(registry_);
    const int errors_before = ws.reports()[0].errors;
    auto s = session::EditSession::open(registry_, p.string());
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->set_value("I.2.2", "99"));
    ASSERT_TRUE((*s)->save());
    ws.scan(registry_);
    EXPECT_GT(ws.reports()[0].errors, errors_before);
}

TEST_F(WorkspaceTest, PeriodsAreNewestFirst) {
    auto prev = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_TRUE(prev);
    auto q2 = session::make_from_previous(registry_, *prev, *report::Period::parse("2024-Q2"));
    ASSERT_TRUE(q2) << q2.error();
    fs::create_directories(path("ws"));
    ASSERT_TRUE(report::save(*q2, path("ws/q2.rbr").string()));
    copy_sample("cchc", "phuong-dinh-2024-q1.rbr", "ws/q1.rbr");
    Workspace ws(path("ws").string());
    ws.scan(registry_);
    ASSERT_EQ(ws.groups().size(), 1u);
    ASSERT_EQ(ws.groups()[0].periods.size(), 2u);
    EXPECT_EQ(ws.groups()[0].periods[0].period.code(), "2024-Q2");
    // And Q2's previous report is found in the workspace.
    auto found = ws.find_previous(*q2);
    ASSERT_TRUE(found);
    EXPECT_EQ(fs::path(*found), path("ws/q1.rbr"));
}

TEST_F(WorkspaceTest, ANewReportTakesTheUnitProfile) {
    auto profile = report::load_unit_profile(sample("cchc", "phuong-dinh.unit.xml").string());
    ASSERT_TRUE(profile) << profile.error();
    session::NewReportRequest req;
    req.type_id = "cchc";
    req.period = *report::Period::parse("2024-Q2");
    req.profile = *profile;
    auto r = session::make_new_report(registry_, req);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->unit.name, "Phương Định");
    EXPECT_EQ(r->header.signer_name, "Nguyễn Minh Khâm");
    EXPECT_EQ(r->header.issuing_body, "UBND XÃ PHƯƠNG ĐỊNH");
    EXPECT_EQ(r->edition, "nam-dinh-2024");
    EXPECT_TRUE(r->values.empty());
    EXPECT_EQ(session::suggested_file_name(*r), "cchc-phuong-dinh-2024-Q2.rbr");
}

TEST_F(WorkspaceTest, ANewReportNeedsAUnitAndAnAllowedPeriod) {
    session::NewReportRequest req;
    req.type_id = "cchc";
    req.period = *report::Period::parse("2024-Q2");
    auto r = session::make_new_report(registry_, req);
    EXPECT_FALSE(r);
    req.type_id = "no-such-type";
    req.unit.name = "Phương Định";
    r = session::make_new_report(registry_, req);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("no-such-type"), std::string::npos);
    req.type_id = "iso9001";  // a yearly report
    r = session::make_new_report(registry_, req);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("2024-Q2"), std::string::npos);
}

TEST_F(WorkspaceTest, FromThePreviousPeriodCarriesTheNarrativeAndHeaderButNoFigures) {
    auto prev = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_TRUE(prev);
    auto r = session::make_from_previous(registry_, *prev, *report::Period::parse("2024-Q2"));
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->narrative, prev->narrative);
    EXPECT_EQ(r->unit, prev->unit);
    EXPECT_EQ(r->header.signer_name, prev->header.signer_name);
    EXPECT_EQ(r->header.recipients, prev->header.recipients);
    EXPECT_EQ(r->header.place, prev->header.place);
    EXPECT_TRUE(r->values.empty());
    EXPECT_TRUE(r->header.number.empty());
    EXPECT_FALSE(r->header.date.has_value());
    EXPECT_NE(r->header.summary.find("Quý II năm 2024"), std::string::npos) << r->header.summary;
    EXPECT_EQ(r->window_from, (report::SimpleDate{2024, 3, 15}));
    EXPECT_EQ(r->status, report::Status::Draft);
    // The same period again is refused.
    EXPECT_FALSE(session::make_from_previous(registry_, *prev, prev->period));
}

TEST_F(WorkspaceTest, TheUnitProfileIsStoredOnceAndReadBack) {
    auto none = session::load_user_unit_profile();
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    auto profile = report::load_unit_profile(sample("cchc", "phuong-dinh.unit.xml").string());
    ASSERT_TRUE(profile);
    ASSERT_TRUE(session::save_user_unit_profile(*profile));
    EXPECT_EQ(fs::path(session::user_unit_profile_path()), path("userdata/reportbench/unit-profile.xml"));
    auto back = session::load_user_unit_profile();
    ASSERT_TRUE(back) << back.error();
    ASSERT_TRUE(back->has_value());
    EXPECT_EQ((*back)->unit, profile->unit);
    EXPECT_EQ((*back)->recipients, profile->recipients);
    EXPECT_EQ((*back)->signer_name, profile->signer_name);
    report::UnitProfile nameless;
    EXPECT_FALSE(session::save_user_unit_profile(nameless));
}

TEST_F(WorkspaceTest, ADamagedUnitProfileIsAnErrorNamingTheFile) {
    fs::create_directories(path("userdata/reportbench"));
    std::ofstream(session::user_unit_profile_path()) << "<unitProfile>";
    auto p = session::load_user_unit_profile();
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().find("unit-profile.xml"), std::string::npos) << p.error();
}

TEST_F(WorkspaceTest, SettingsKeepRecentFilesMostRecentFirst) {
    session::Settings s = session::Settings::load();
    EXPECT_TRUE(s.workspace.empty());
    s.workspace = "/srv/reports";
    s.language = "en";
    for (int i = 0; i < 12; ++i) s.add_recent("/r/" + std::to_string(i) + ".rbr");
    s.add_recent("/r/5.rbr");
    ASSERT_TRUE(s.save());
    const auto back = session::Settings::load();
    EXPECT_EQ(back.workspace, "/srv/reports");
    EXPECT_EQ(back.language, "en");
    ASSERT_EQ(back.recent.size(), session::Settings::kMaxRecent);
    // Kept as absolute paths ("/r/5.rbr" is Z:\r\5.rbr on a Windows whose current drive is Z:).
    EXPECT_EQ(fs::path(back.recent[0]), fs::absolute("/r/5.rbr"));
    EXPECT_EQ(fs::path(back.recent[1]), fs::absolute("/r/11.rbr"));
}

TEST_F(WorkspaceTest, SettingsKeepTheWindowAsLeftAndIgnoreSizesThatAreNot) {
    session::Settings s = session::Settings::load();
    EXPECT_EQ(s.window_width, 0);
    s.window_width = 1200;
    s.window_height = 700;
    s.window_maximized = true;
    s.findings_height = 210;
    ASSERT_TRUE(s.save());
    auto back = session::Settings::load();
    EXPECT_EQ(back.window_width, 1200);
    EXPECT_EQ(back.window_height, 700);
    EXPECT_TRUE(back.window_maximized);
    EXPECT_EQ(back.findings_height, 210);
    EXPECT_EQ(back.workspace_width, 0);
    // A hand-edited file: what is not a plain size falls back to the default, the rest still loads.
    std::ofstream(session::Settings::default_path())
        << "window_width=-5\nwindow_height=7e2\nfindings_height=99999999999\nworkspace_width=310\nlanguage=en\n";
    back = session::Settings::load();
    EXPECT_EQ(back.window_width, 0);
    EXPECT_EQ(back.window_height, 0);
    EXPECT_EQ(back.findings_height, 0);
    EXPECT_EQ(back.workspace_width, 310);
    EXPECT_EQ(back.language, "en");
}

}  // namespace
}  // namespace rb::test
