#pragma once
// One open report as a front end edits it: the document, its evaluation and its current
// findings, the file it belongs to, whether it has unsaved edits, and an undo history.
// Every edit goes through the core's own rules (report::canonical_value for values, NFC for
// text) and is followed by an incremental recompute and a fresh validation, so a front end
// only displays what this object says. No toolkit here: the desktop shell and the tests
// drive the same object.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "plugin/extensions.hpp"
#include "plugin/registry.hpp"
#include "report/entry.hpp"
#include "report/report.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::session {

// The header and unit fields a front end shows as a form.
enum class HeaderField {
    ParentBody,
    IssuingBody,
    Number,
    Symbol,
    Place,
    Date,
    Summary,
    SigningAuthority,
    SignerTitle,
    SignerName,
    Recipients,  // one recipient per line
    WindowFrom,
    WindowTo,
    UnitName,
    UnitParent,
    UnitProvince,
    // The unit's code in the state's list: setting it fills name, kind, district and province
    // from the catalog for the report's period (one undo step); empty: a unit typed by hand.
    UnitCode,
    // Not on the form: set from the command line (header unit-kind=, parent-kind=, former-names=).
    UnitKind,        // "xã", "phường", "đặc khu"
    UnitParentKind,  // "huyện", "thị xã", …
    FormerNames,     // one per line, or separated by ";"
};

// Every field, in the order a form shows them.
const std::vector<HeaderField>& header_fields();
// Its label in the UI language ("Ngày ban hành" / "Date of issue").
const char* header_field_label(HeaderField f);
// Its name on the command line ("number", "date", "recipients", …) and back.
const char* header_field_key(HeaderField f);
std::optional<HeaderField> header_field_from_key(std::string_view key);
// Every field that has a name on the command line, in the order the usage lists them.
const std::vector<HeaderField>& all_header_fields();

// What one edit (or one undo / redo) changed, so that a view refreshes only that.
struct Change {
    std::vector<std::size_t> slots;  // indicator slots whose value or display changed
    std::string section;             // narrative section whose text changed
    bool header = false;             // a header or unit field changed
    bool status = false;             // the document status (and so perhaps the lock) changed
    bool everything = false;         // the whole document may have changed
};

class EditSession {
public:
    // Opens a report file. Fails, naming the file, when it cannot be read or its type is not
    // installed. A file of a newer format opens read-only (read_only() and read_only_reason()).
    static Result<std::unique_ptr<EditSession>> open(const plugin::Registry& registry, const std::string& path);
    // A session over a report in memory (a new report, a recovered journal). `path` may be
    // empty until the first save_as().
    static Result<std::unique_ptr<EditSession>> create(const plugin::Registry& registry, report::Report report,
                                                       std::string path, bool dirty);

    const report::Report& report() const { return report_; }
    const validate::Evaluation& evaluation() const { return evaluation_; }
    const validate::ValidationResult& findings() const { return findings_; }
    const schema::ReportType& type() const { return evaluation_.type(); }
    const plugin::Registry& registry() const { return *registry_; }
    const std::string& path() const { return path_; }
    // A short name for tabs and titles: the file name, or the type and period when unsaved.
    std::string display_name() const;
    // A definition's text as the interface shows it: in the interface language, with this
    // report's placeholders ({unit}, {NEXT_PERIOD}…) filled.
    std::string shown(const schema::LocalText& text) const;
    bool dirty() const { return dirty_; }
    bool read_only() const { return report::is_locked(report_); }
    // Grows with every change of the document (edits, undo, redo); a journal compares it.
    std::uint64_t revision() const { return revision_; }
    // Unique within the process; names this session's journal.
    const std::string& id() const { return id_; }

    // The previous period's report of the same unit, for cumulative checks and prev().
    void set_previous(std::optional<report::Report> previous);
    const report::Report* previous() const { return previous_ ? &*previous_ : nullptr; }

    // Checks that need more than the report (its unit's history in the workspace, the other
    // report kinds of the same unit and period), run with the report's own after every edit.
    using ExtraChecks =
        std::function<std::vector<validate::Finding>(const validate::Evaluation&, const report::Report&)>;
    void set_extra_checks(ExtraChecks checks);

    // What the user typed for an indicator ("1.034", "16,67", "có", a choice label, "" to
    // clear). On bad input the report is unchanged and the error names the indicator.
    Result<Change> set_value(std::string_view code, std::string_view typed);
    // Several values at once, all or nothing: every refusal is named, nothing is written
    // unless all are good. One undo step per value.
    Result<Change> set_values(const std::vector<report::Assignment>& values);
    Result<Change> set_note(std::string_view code, std::string_view text);
    // Consecutive calls for the same section coalesce into one undo step until
    // break_coalescing() (a front end calls it when the user leaves the editor).
    Result<Change> set_text(std::string_view section, std::string_view text);
    // Lists (recipients, former names) are typed one item per line or separated by ";".
    Result<Change> set_header(HeaderField field, std::string_view typed);
    // Several fields at once, all or nothing, one undo step (the data window's order is checked
    // once all are in, so both ends can move together).
    Result<Change> set_header(const std::vector<std::pair<HeaderField, std::string>>& fields);
    std::string header_text(HeaderField field) const;  // as the form shows it (dates dd/mm/yyyy)
    // Fills an empty section from the plugin's drafter or the definition's template; returns
    // the text that was inserted, or the reason nothing was.
    Result<std::string> draft_text(std::string_view section) const;
    // Fills the empty sections (all of them, or only `section`) from the plugins' drafters and
    // the definition's templates, one undo step each; says what happened to each section.
    std::vector<plugin::DraftOutcome> draft_empty_sections(std::string_view section = {});
    void break_coalescing() { coalesce_open_ = false; }

    bool can_undo() const { return undo_pos_ > 0; }
    bool can_redo() const { return undo_pos_ < history_.size(); }
    Change undo();
    Change redo();

    // The document status (report::change_status), refused with the reason while errors remain
    // (for complete and submitted) or when the core refuses the step. Draft ↔ complete is one
    // undo step. Submitting is not undoable: it locks the report and clears the history, since
    // undoing it would unlock a report that was handed in.
    Result<Change> set_status(report::Status to);
    // A submitted report's correction (report::make_amendment), saved to `new_path` beside or
    // anywhere; refused when the report is not submitted or `new_path` exists. The original
    // (this session and its file) is untouched. Opens the new file as a session.
    Result<std::unique_ptr<EditSession>> make_amendment(const std::string& new_path) const;
    // "<name>-sua-doi-N.rbr" beside the report's file (N = the amendment's number); a previous
    // amendment's suffix is replaced, not stacked. Empty when the report has no file yet.
    std::string suggested_amendment_path() const;

    // Accepts the warning whose Finding::key is `key` with the user's reason (dated today, as a
    // report::Justification), or replaces the reason it has. Errors and information are refused:
    // an error is fixed, never explained away. One undo step.
    Result<Change> justify(std::string_view key, std::string_view text);
    // Removes the justification of `key` (the warning counts again). One undo step.
    Result<Change> remove_justification(std::string_view key);
    const report::Justification* justification(std::string_view key) const;

    // Required values filled and required sections written, as a percentage (0..100).
    double completeness() const;

    // Atomic save (report::save) to the session's own path; marks the session clean. Refused,
    // leaving the session as it is, when another program changed the file since it was read.
    rb::Status save();
    rb::Status save_as(const std::string& path);

private:
    EditSession(const plugin::Registry& registry, report::Report report, validate::Evaluation evaluation,
                std::string path);

    struct Step {
        enum class Kind { Value, Text, Header, Justification, Status } kind = Kind::Value;
        std::string key;  // indicator code, section id or finding key
        std::optional<report::Entry> value_before, value_after;
        std::string text_before, text_after;
        report::Report header_before, header_after;  // header, unit and window only
        std::optional<report::Justification> justification_before, justification_after;
        report::Status status_before = report::Status::Draft, status_after = report::Status::Draft;
    };

    void record(Step step);
    Change apply(const Step& step, bool forward);
    void revalidate();
    void touch();
    Change apply_entry(const std::string& code, const std::optional<report::Entry>& entry);
    Result<Change> set_entry(std::string_view code, std::optional<report::Entry> entry);
    void put_justification(const std::string& key, const std::optional<report::Justification>& j);
    Result<Change> change_justification(const std::string& key, std::optional<report::Justification> after);

    const plugin::Registry* registry_;
    report::Report report_;
    validate::Evaluation evaluation_;
    validate::ValidationResult findings_;
    std::optional<report::Report> previous_;
    ExtraChecks extra_checks_;
    std::string path_;
    std::optional<files::FileStamp> stamp_;  // the file as read or last saved
    std::string id_;
    bool dirty_ = false;
    // The undo position whose state is the file on disk; none when no position is (an edit
    // after undoing past it, or a step changed in place after it was saved).
    std::optional<std::size_t> clean_pos_;
    std::uint64_t revision_ = 0;
    std::vector<Step> history_;
    std::size_t undo_pos_ = 0;  // steps before it are done, from it on undone
    bool coalesce_open_ = false;
};

}  // namespace rb::session
