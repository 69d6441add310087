// EditSession: typed values through the core's rules, live recompute and findings, undo/redo,
// atomic saves.
#include <gtest/gtest.h>

#include <algorithm>

#include "report/report.hpp"
#include "session/edit_session.hpp"
#include "session_fixture.hpp"

namespace rb::test {
namespace {

using session::EditSession;
using session::HeaderField;

class EditSessionTest : public SessionTest {
protected:
    std::unique_ptr<EditSession> open_seed() {
        const auto p = copy_sample("cchc", "phuong-dinh-2024-q1.rbr");
        auto s = EditSession::open(registry_, p.string());
        EXPECT_TRUE(s) << s.error();
        return s ? std::move(*s) : nullptr;
    }
    static std::string display(const EditSession& s, const std::string& code) {
        return s.evaluation().display(*s.type().slot(code));
    }
    static bool has_finding(const EditSession& s, const std::string& rule) {
        const auto& f = s.findings().findings;
        return std::any_of(f.begin(), f.end(), [&](const validate::Finding& x) { return x.rule == rule; });
    }
};

TEST_F(EditSessionTest, OpeningTheSeedIsCleanAndEvaluated) {
    auto s = open_seed();
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->dirty());
    EXPECT_FALSE(s->can_undo());
    EXPECT_EQ(display(*s, "I.2"), "16,67%");  // 1 of 6 planned tasks done
    EXPECT_EQ(s->display_name(), "phuong-dinh-2024-q1.rbr");
}

TEST_F(EditSessionTest, VietnameseThousandsAreReadAsACount) {
    auto s = open_seed();
    auto c = s->set_value("I.2.1", "1.034");
    ASSERT_TRUE(c) << c.error();
    EXPECT_EQ(s->report().values.at("I.2.1").value, "1034");
    EXPECT_EQ(display(*s, "I.2.1"), "1.034");
    EXPECT_TRUE(s->dirty());
    // The ratio row that depends on it changed too, and the change says so.
    const auto ratio = *s->type().slot("I.2");
    EXPECT_NE(std::find(c->slots.begin(), c->slots.end(), ratio), c->slots.end());
    EXPECT_EQ(display(*s, "I.2"), "0,10%");
}

TEST_F(EditSessionTest, ADecimalInACountIsRefusedWithTheIndicatorNamed) {
    auto s = open_seed();
    const auto before = s->report();
    auto c = s->set_value("I.1", "1,5");
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().find("I.1"), std::string::npos) << c.error();
    EXPECT_EQ(s->report(), before);
    EXPECT_FALSE(s->dirty());
    EXPECT_FALSE(s->can_undo());
}

TEST_F(EditSessionTest, ComputedRowsRefuseInput) {
    auto s = open_seed();
    auto c = s->set_value("I.2", "50");
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().find("I.2"), std::string::npos);
}

TEST_F(EditSessionTest, APartLargerThanItsTotalIsAFindingAndUndoRemovesIt) {
    auto s = open_seed();
    ASSERT_FALSE(has_finding(*s, "plan-done-within-plan"));
    ASSERT_TRUE(s->set_value("I.2.2", "9"));
    EXPECT_TRUE(has_finding(*s, "plan-done-within-plan"));
    EXPECT_GT(s->findings().errors, 0);
    s->undo();
    EXPECT_FALSE(has_finding(*s, "plan-done-within-plan"));
    EXPECT_EQ(s->report().values.at("I.2.2").value, "1");
    s->redo();
    EXPECT_TRUE(has_finding(*s, "plan-done-within-plan"));
    EXPECT_EQ(s->report().values.at("I.2.2").value, "9");
}

TEST_F(EditSessionTest, ClearingAValueMakesItBlankNotZero) {
    auto s = open_seed();
    ASSERT_TRUE(s->set_value("I.2.1", ""));
    EXPECT_EQ(s->report().values.count("I.2.1"), 0u);
    EXPECT_EQ(display(*s, "I.2"), "");
    EXPECT_TRUE(has_finding(*s, "required"));
}

TEST_F(EditSessionTest, TypingInOneSectionIsOneUndoStep) {
    auto s = open_seed();
    const std::string before = s->report().narrative.at("IV");
    ASSERT_TRUE(s->set_text("IV", before + " A"));
    ASSERT_TRUE(s->set_text("IV", before + " Ab"));
    ASSERT_TRUE(s->set_text("IV", before + " Abc"));
    s->undo();
    EXPECT_EQ(s->report().narrative.at("IV"), before);
    EXPECT_FALSE(s->can_undo());
    s->redo();
    EXPECT_EQ(s->report().narrative.at("IV"), before + " Abc");
}

TEST_F(EditSessionTest, LeavingTheEditorStartsANewUndoStep) {
    auto s = open_seed();
    const std::string before = s->report().narrative.at("IV");
    ASSERT_TRUE(s->set_text("IV", before + " A"));
    s->break_coalescing();
    ASSERT_TRUE(s->set_text("IV", before + " AB"));
    s->undo();
    EXPECT_EQ(s->report().narrative.at("IV"), before + " A");
}

TEST_F(EditSessionTest, AValueEditBetweenTypingSplitsTheTextSteps) {
    auto s = open_seed();
    const std::string before = s->report().narrative.at("IV");
    ASSERT_TRUE(s->set_text("IV", before + " x"));
    ASSERT_TRUE(s->set_value("I.1", "13"));
    ASSERT_TRUE(s->set_text("IV", before + " xy"));
    s->undo();
    EXPECT_EQ(s->report().narrative.at("IV"), before + " x");
    s->undo();
    EXPECT_EQ(s->report().values.at("I.1").value, "12");
}

TEST_F(EditSessionTest, UnknownSectionIsNamed) {
    auto s = open_seed();
    auto c = s->set_text("IX.9", "text");
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().find("IX.9"), std::string::npos);
}

TEST_F(EditSessionTest, HeaderDatesAreParsedAndUndone) {
    auto s = open_seed();
    EXPECT_EQ(s->header_text(HeaderField::Date), "08/3/2024");
    ASSERT_TRUE(s->set_header(HeaderField::Date, "10/03/2024"));
    EXPECT_EQ(s->report().header.date->day, 10);
    auto bad = s->set_header(HeaderField::Date, "31/02/2024");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find(tr("Ngày ban hành")), std::string::npos) << bad.error();
    s->undo();
    EXPECT_EQ(s->report().header.date->day, 8);
}

TEST_F(EditSessionTest, RecipientsAreOnePerLineWithoutTheirPunctuation) {
    auto s = open_seed();
    ASSERT_TRUE(s->set_header(HeaderField::Recipients, "- UBND huyện;\n\nPhòng Nội vụ;\n- Lưu: VT."));
    const std::vector<std::string> expected = {"UBND huyện", "Phòng Nội vụ", "Lưu: VT"};
    EXPECT_EQ(s->report().header.recipients, expected);
}

TEST_F(EditSessionTest, AWindowEndingBeforeItStartsIsRefused) {
    auto s = open_seed();
    EXPECT_FALSE(s->set_header(HeaderField::WindowTo, "01/12/2023"));
}

TEST_F(EditSessionTest, NotesAreKeptWithTheValue) {
    auto s = open_seed();
    ASSERT_TRUE(s->set_note("I.1", "kể cả kế hoạch bổ sung"));
    EXPECT_EQ(s->report().values.at("I.1").note, "kể cả kế hoạch bổ sung");
    EXPECT_EQ(s->report().values.at("I.1").value, "12");
}

TEST_F(EditSessionTest, SaveWritesWhatWasTypedAndClearsDirty) {
    auto s = open_seed();
    ASSERT_TRUE(s->set_value("HS.2.2", "1.035"));
    ASSERT_TRUE(s->set_text("closing", "Trên đây là báo cáo."));
    ASSERT_TRUE(s->save());
    EXPECT_FALSE(s->dirty());
    auto back = report::load(s->path());
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(back->values.at("HS.2.2").value, "1035");
    EXPECT_EQ(back->narrative.at("closing"), "Trên đây là báo cáo.");
    EXPECT_TRUE(fs::exists(s->path() + ".bak"));
    // Undo after a save makes the document differ from the file again.
    s->undo();
    EXPECT_TRUE(s->dirty());
}

TEST_F(EditSessionTest, UndoingBackToTheSavedStateIsCleanAndRedoingAwayIsNot) {
    auto s = open_seed();
    ASSERT_TRUE(s->set_value("I.1", "14"));
    s->undo();
    EXPECT_FALSE(s->dirty()) << "the document is the file again";
    s->redo();
    EXPECT_TRUE(s->dirty());
    // Saved after two edits: undoing one is a change, redoing it is the file again.
    ASSERT_TRUE(s->set_value("I.2.1", "7"));
    ASSERT_TRUE(s->save());
    s->undo();
    EXPECT_TRUE(s->dirty());
    s->redo();
    EXPECT_FALSE(s->dirty());
    // A new edit after undoing past the saved state: that state cannot come back by undo.
    s->undo();
    s->undo();
    ASSERT_TRUE(s->set_value("I.1", "20"));
    s->undo();
    EXPECT_TRUE(s->dirty()) << "the file has I.1 = 14 and I.2.1 = 7; the document has neither";
    // Typing goes on after a save: it is a new step (a save ends the merging of keystrokes),
    // so one undo is the saved text again.
    ASSERT_TRUE(s->set_text("closing", "Trên đây"));
    ASSERT_TRUE(s->save());
    ASSERT_TRUE(s->set_text("closing", "Trên đây là báo cáo."));
    s->undo();
    EXPECT_EQ(s->report().narrative.at("closing"), "Trên đây");
    EXPECT_FALSE(s->dirty());
}

// Two editors of one file: the second save does not silently undo the first one's change.
TEST_F(EditSessionTest, ASaveOverAFileAnotherProgramChangedIsRefusedAndNothingIsLost) {
    auto mine = open_seed();
    auto theirs = EditSession::open(registry_, mine->path());
    ASSERT_TRUE(theirs) << theirs.error();
    ASSERT_TRUE((*theirs)->set_value("I.1", "14"));
    ASSERT_TRUE((*theirs)->save());
    ASSERT_TRUE(mine->set_value("HS.2.2", "1.035"));
    const auto refused = mine->save();
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("chương trình khác"), std::string::npos) << refused.error();
    EXPECT_TRUE(mine->dirty()) << "what was typed is still there to keep";
    auto back = report::load(mine->path());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->values.at("I.1").value, "14") << "the other program's change is on disk";
    // The other program saves again after its own save: its file is its own, no refusal.
    ASSERT_TRUE((*theirs)->set_value("I.1", "15"));
    EXPECT_TRUE((*theirs)->save());
    // Saved elsewhere, the refused edit is kept.
    const auto elsewhere = path("mine.rbr");
    ASSERT_TRUE(mine->save_as(elsewhere.string()));
    EXPECT_EQ(report::load(elsewhere.string())->values.at("HS.2.2").value, "1035");
}

TEST_F(EditSessionTest, SaveAsMovesTheSessionToTheNewFile) {
    auto s = open_seed();
    const auto target = path("sub/copy.rbr");
    fs::create_directories(target.parent_path());
    ASSERT_TRUE(s->save_as(target.string()));
    EXPECT_EQ(s->path(), target.string());
    EXPECT_TRUE(fs::exists(target));
}

TEST_F(EditSessionTest, AReportWithoutAFileCannotBeSavedInPlace) {
    auto r = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_TRUE(r);
    auto s = EditSession::create(registry_, *r, "", true);
    ASSERT_TRUE(s);
    EXPECT_FALSE((*s)->save());
    EXPECT_NE((*s)->display_name().find(r->period.label_vi()), std::string::npos);
}

TEST_F(EditSessionTest, AReportOfAnUninstalledTypeIsRefusedWithItsName) {
    auto r = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_TRUE(r);
    r->type_id = "khong-co";
    auto s = EditSession::create(registry_, *r, "x.rbr", false);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().find("khong-co"), std::string::npos);
}

TEST_F(EditSessionTest, ASubmittedReportRefusesEdits) {
    auto r = report::load(sample("cchc", "phuong-dinh-2024-q1.rbr").string());
    ASSERT_TRUE(r);
    r->status = report::Status::Submitted;
    auto s = EditSession::create(registry_, *r, "", false);
    ASSERT_TRUE(s);
    EXPECT_TRUE((*s)->read_only());
    EXPECT_FALSE((*s)->set_value("I.1", "3"));
    EXPECT_FALSE((*s)->set_text("IV", "x"));
}

TEST_F(EditSessionTest, CompletenessCountsRequiredValuesAndSections) {
    auto s = open_seed();
    const double before = s->completeness();
    EXPECT_GT(before, 50.0);
    EXPECT_LE(before, 100.0);
    ASSERT_TRUE(s->set_value("I.1", ""));
    EXPECT_LT(s->completeness(), before);
}

TEST_F(EditSessionTest, DraftTextComesFromTheDefinitionTemplate) {
    auto s = open_seed();
    // Sections with a template give text; one without says so.
    int drafted = 0;
    for (const auto& sec : s->type().sections) {
        auto d = s->draft_text(sec.id);
        if (d) {
            EXPECT_FALSE(d->empty());
            ++drafted;
        } else {
            EXPECT_FALSE(d.error().empty());
        }
    }
    EXPECT_GT(drafted, 0);
    EXPECT_FALSE(s->dirty()) << "drafting only proposes text";
}

}  // namespace
}  // namespace rb::test
