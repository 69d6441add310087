// EditSession: the document's status (complete, back to draft, submitted, amendment) and the
// justification of warnings, both as undoable edits kept in the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "report/report.hpp"
#include "session/edit_session.hpp"
#include "session_fixture.hpp"

namespace rb::test {
namespace {

using report::Status;
using session::EditSession;

class StatusAndJustification : public SessionTest {
protected:
    std::unique_ptr<EditSession> open_seed(const std::string& as = "phuong-dinh-2024-q1.rbr") {
        const auto p = copy_sample("cchc", "phuong-dinh-2024-q1.rbr", as);
        auto s = EditSession::open(registry_, p.string());
        EXPECT_TRUE(s) << s.error();
        return s ? std::move(*s) : nullptr;
    }
    static const validate::Finding* finding(const EditSession& s, const std::string& key) {
        const auto& f = s.findings().findings;
        auto it = std::find_if(f.begin(), f.end(), [&](const validate::Finding& x) { return x.key == key; });
        return it == f.end() ? nullptr : &*it;
    }
    static std::string first_key(const EditSession& s, schema::Severity severity) {
        for (const auto& f : s.findings().findings)
            if (f.severity == severity) return f.key;
        return {};
    }
};

TEST_F(StatusAndJustification, AJustifiedWarningCountsAsAcceptedAndUndoBringsItBack) {
    auto s = open_seed();
    const std::string key = first_key(*s, schema::Severity::Warning);
    ASSERT_FALSE(key.empty()) << "the seed has warnings";
    const int warnings = s->findings().warnings;
    ASSERT_EQ(s->findings().accepted, 0);

    ASSERT_TRUE(s->justify(key, "  Chưa phát sinh hồ sơ trong kỳ  "));
    EXPECT_EQ(s->findings().warnings, warnings - 1);
    EXPECT_EQ(s->findings().accepted, 1);
    ASSERT_NE(finding(*s, key), nullptr);
    EXPECT_EQ(finding(*s, key)->justification, "Chưa phát sinh hồ sơ trong kỳ");
    const auto* j = s->justification(key);
    ASSERT_NE(j, nullptr);
    EXPECT_EQ(j->rule, key);
    EXPECT_TRUE(std::regex_match(j->date, std::regex("20[0-9]{2}-[01][0-9]-[0-3][0-9]"))) << j->date;
    EXPECT_TRUE(s->dirty());

    s->undo();
    EXPECT_EQ(s->findings().warnings, warnings);
    EXPECT_EQ(s->findings().accepted, 0);
    EXPECT_EQ(s->justification(key), nullptr);
    s->redo();
    EXPECT_EQ(s->findings().accepted, 1);
}

TEST_F(StatusAndJustification, AJustificationIsKeptInTheFileAndCanBeRemoved) {
    auto s = open_seed();
    const std::string key = first_key(*s, schema::Severity::Warning);
    ASSERT_TRUE(s->justify(key, "Lý do thứ nhất"));
    ASSERT_TRUE(s->justify(key, "Lý do đã sửa"));  // a second justification replaces the first
    EXPECT_EQ(s->report().justifications.size(), 1u);
    ASSERT_TRUE(s->save());

    auto again = EditSession::open(registry_, s->path());
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ((*again)->findings().accepted, 1);
    ASSERT_NE((*again)->justification(key), nullptr);
    EXPECT_EQ((*again)->justification(key)->text, "Lý do đã sửa");

    ASSERT_TRUE((*again)->remove_justification(key));
    EXPECT_EQ((*again)->findings().accepted, 0);
    EXPECT_TRUE((*again)->report().justifications.empty());
    EXPECT_FALSE((*again)->remove_justification(key)) << "nothing left to remove";
    (*again)->undo();
    EXPECT_EQ((*again)->findings().accepted, 1);
}

TEST_F(StatusAndJustification, ErrorsUnknownKeysAndEmptyReasonsCannotBeJustified) {
    auto s = open_seed();
    ASSERT_TRUE(s->set_value("I.2.2", "9"));  // more tasks done than planned: an error
    const std::string error = first_key(*s, schema::Severity::Error);
    ASSERT_FALSE(error.empty());
    auto r = s->justify(error, "Không sai");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("lỗi"), std::string::npos) << r.error();
    EXPECT_FALSE(s->justify("no-such-key", "x"));
    EXPECT_FALSE(s->justify(first_key(*s, schema::Severity::Warning), "   "));
    EXPECT_TRUE(s->report().justifications.empty());
}

TEST_F(StatusAndJustification, CompletingIsRefusedWhileErrorsRemainThenAllowedAndUndoable) {
    auto s = open_seed();
    ASSERT_TRUE(s->set_value("I.2.2", "9"));
    auto refused = s->set_status(Status::Complete);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("1 lỗi"), std::string::npos) << refused.error();
    EXPECT_EQ(s->report().status, Status::Draft);

    s->undo();  // the error goes
    ASSERT_EQ(s->findings().errors, 0);
    auto done = s->set_status(Status::Complete);
    ASSERT_TRUE(done) << done.error();
    EXPECT_TRUE(done->status);
    EXPECT_EQ(s->report().status, Status::Complete);
    s->undo();
    EXPECT_EQ(s->report().status, Status::Draft);
    s->redo();
    EXPECT_EQ(s->report().status, Status::Complete);
    ASSERT_TRUE(s->set_status(Status::Draft));
    EXPECT_EQ(s->report().status, Status::Draft);
}

TEST_F(StatusAndJustification, SubmittingNeedsCompleteLocksAndCannotBeUndone) {
    auto s = open_seed();
    auto early = s->set_status(Status::Submitted);
    ASSERT_FALSE(early);  // the core's own refusal: complete it first
    EXPECT_FALSE(early.error().empty());
    ASSERT_TRUE(s->set_status(Status::Complete));
    ASSERT_TRUE(s->set_status(Status::Submitted));
    EXPECT_TRUE(s->read_only());
    EXPECT_FALSE(s->can_undo());
    EXPECT_FALSE(s->set_value("I.1", "3"));
    EXPECT_FALSE(s->justify(first_key(*s, schema::Severity::Warning), "x"));
    EXPECT_FALSE(s->set_status(Status::Draft));
    ASSERT_TRUE(s->save());
    auto again = EditSession::open(registry_, s->path());
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)->report().status, Status::Submitted);
}

TEST_F(StatusAndJustification, AnAmendmentIsANewDraftFileBesideTheUntouchedOriginal) {
    auto s = open_seed("xa-q1.rbr");
    EXPECT_FALSE(s->make_amendment(path("early.rbr").string())) << "only a submitted report is amended";
    ASSERT_TRUE(s->set_status(Status::Complete));
    ASSERT_TRUE(s->set_status(Status::Submitted));
    ASSERT_TRUE(s->save());
    const std::string original = read_text(s->path());

    const std::string suggested = s->suggested_amendment_path();
    EXPECT_EQ(suggested, path("xa-q1-sua-doi-1.rbr").string());
    auto a = s->make_amendment(suggested);
    ASSERT_TRUE(a) << a.error();
    EXPECT_EQ((*a)->path(), suggested);
    EXPECT_FALSE((*a)->dirty());
    EXPECT_FALSE((*a)->read_only());
    EXPECT_EQ((*a)->report().amendment, 1);
    EXPECT_EQ((*a)->report().amends, "xa-q1.rbr");
    EXPECT_EQ((*a)->report().status, Status::Draft);
    EXPECT_EQ(read_text(s->path()), original);
    EXPECT_EQ(s->report().status, Status::Submitted);
    EXPECT_FALSE(s->make_amendment(suggested)) << "an existing file is never overwritten";

    // Amending the amendment numbers on instead of stacking suffixes.
    ASSERT_TRUE((*a)->set_status(Status::Complete));
    ASSERT_TRUE((*a)->set_status(Status::Submitted));
    EXPECT_EQ((*a)->suggested_amendment_path(), path("xa-q1-sua-doi-2.rbr").string());
}

}  // namespace
}  // namespace rb::test
