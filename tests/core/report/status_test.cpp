#include <gtest/gtest.h>

#include "report/report.hpp"
#include "sample_report.hpp"

namespace rb::report {
namespace {

Report with_status(Status s) {
    Report r = samples::sample_report();
    r.status = s;
    r.amendment = 0;
    r.amends.clear();
    return r;
}

TEST(ReportStatus, NamesParseBackAndUnknownNamesFail) {
    for (Status s : {Status::Draft, Status::Complete, Status::Submitted}) {
        auto parsed = parse_status(to_string(s));
        ASSERT_TRUE(parsed);
        EXPECT_EQ(*parsed, s);
    }
    auto bad = parse_status("Submitted");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("Submitted"), std::string::npos);
}

TEST(ReportStatus, DraftIsCompletedAndReopened) {
    Report r = with_status(Status::Draft);
    ASSERT_TRUE(change_status(r, Status::Complete));
    EXPECT_EQ(r.status, Status::Complete);
    ASSERT_TRUE(change_status(r, Status::Draft));
    EXPECT_EQ(r.status, Status::Draft);
    EXPECT_FALSE(is_locked(r));
    EXPECT_TRUE(ensure_editable(r));
}

TEST(ReportStatus, DraftCannotBeSubmittedBeforeItIsComplete) {
    Report r = with_status(Status::Draft);
    auto res = change_status(r, Status::Submitted);
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("hoàn thành"), std::string::npos) << res.error();
    EXPECT_EQ(r.status, Status::Draft);
}

TEST(ReportStatus, CompleteReportIsSubmittedAndThenRefusesEveryChangeAndEveryEdit) {
    Report r = with_status(Status::Complete);
    ASSERT_TRUE(change_status(r, Status::Submitted));
    EXPECT_EQ(r.status, Status::Submitted);
    EXPECT_TRUE(is_locked(r));
    for (Status to : {Status::Draft, Status::Complete}) {
        auto res = change_status(r, to);
        ASSERT_FALSE(res);
        EXPECT_NE(res.error().find("đã nộp; hãy tạo bản sửa đổi"), std::string::npos) << res.error();
        EXPECT_EQ(r.status, Status::Submitted);
    }
    auto edit = ensure_editable(r);
    ASSERT_FALSE(edit);
    EXPECT_NE(edit.error().find("bản sửa đổi"), std::string::npos);
}

TEST(ReportStatus, ReadOnlyReportRefusesChangesWithItsReason) {
    Report r = with_status(Status::Draft);
    r.read_only = true;
    r.read_only_reason = "định dạng mới hơn";
    EXPECT_TRUE(is_locked(r));
    auto res = change_status(r, Status::Complete);
    ASSERT_FALSE(res);
    EXPECT_NE(res.error().find("định dạng mới hơn"), std::string::npos);
    EXPECT_EQ(r.status, Status::Draft);
    EXPECT_FALSE(ensure_editable(r));
}

TEST(ReportStatus, AmendmentsAreNumberedDraftsThatLeaveTheOriginalUntouched) {
    Report original = with_status(Status::Complete);
    ASSERT_TRUE(change_status(original, Status::Submitted));
    const Report before = original;

    Report first = make_amendment(original, "cchc-2024-Q1.rbr");
    EXPECT_EQ(original, before);
    EXPECT_EQ(first.status, Status::Draft);
    EXPECT_EQ(first.amendment, 1);
    EXPECT_EQ(first.amends, "cchc-2024-Q1.rbr");
    EXPECT_FALSE(is_locked(first));
    EXPECT_EQ(first.values, original.values);
    EXPECT_EQ(first.narrative, original.narrative);
    EXPECT_EQ(first.header, original.header);
    EXPECT_FALSE(first.created.empty());

    ASSERT_TRUE(change_status(first, Status::Complete));
    ASSERT_TRUE(change_status(first, Status::Submitted));
    Report second = make_amendment(first, "cchc-2024-Q1-sd1.rbr");
    EXPECT_EQ(second.amendment, 2);
    EXPECT_EQ(second.amends, "cchc-2024-Q1-sd1.rbr");
    EXPECT_EQ(second.status, Status::Draft);
}

TEST(ReportStatus, TimestampIsIsoUtc) {
    const std::string t = timestamp_now();
    ASSERT_EQ(t.size(), 20u) << t;
    EXPECT_EQ(t[4], '-');
    EXPECT_EQ(t[10], 'T');
    EXPECT_EQ(t.back(), 'Z');
}

}  // namespace
}  // namespace rb::report
