#pragma once
// The report-type model: what a definition file says, immutable once loaded and shared by
// every report of that type and edition. The loader checks the file against
// schemas/reporttype.xsd, then what a schema cannot say: expressions, references, cycles.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "expr/expr.hpp"
#include "xml/xml.hpp"

namespace rb::schema {

enum class ValueType { Integer, Decimal, Percent, YesNo, Choice, Text, Date };
enum class Consolidation { Sum, Recompute, Mean, None };
enum class Severity { Error, Warning, Info };

const char* to_string(ValueType t);
const char* to_string(Consolidation c);
const char* to_string(Severity s);

// A text given in Vietnamese and, optionally, English.
struct LocalText {
    std::string vi;
    std::string en;
    const std::string& get() const;  // in the current UI language, falling back to vi
};

struct Choice {
    int value = 0;
    LocalText label;
};

struct Section {
    std::string id;      // "II.2"
    std::string number;  // "2" as printed; empty for the opening and closing paragraphs
    LocalText title;
    LocalText guidance;
    std::string draft;   // template with {CODE} placeholders
    int level = 0;       // 0 for top-level sections
    std::string parent;  // parent section id
    bool required = false;
    xml::Location where;
};

struct Group {
    std::string code;  // "I", "HS"
    LocalText title;
    bool supplementary = false;
};

struct Indicator {
    std::string code;  // "III.3.1.2"
    std::string stt;   // "3.1.2" as printed
    std::string group;
    LocalText label;
    LocalText caption;  // a line printed above the row, with its STT (the row then has none)
    std::string unit;
    ValueType type = ValueType::Integer;
    bool heading = false;  // a row that holds no value
    std::optional<double> min, max;
    int decimals = 2;
    bool required = false;
    std::string computed_source;
    std::optional<expr::Expr> computed;
    Consolidation consolidate = Consolidation::Sum;
    std::string weight;  // Mean: the indicator weighing each unit's value; empty: unweighted
    bool cumulative = false;
    bool supplementary = false;
    std::vector<Choice> choices;
    // How the report's text names this indicator ("tiếp nhận trực tuyến"), each phrase with the
    // noun that must follow a figure it states ("hồ sơ"; empty: any).
    struct Mention {
        std::string phrase, noun;
    };
    std::vector<Mention> mentions;
    // The note printed for the row when the user wrote none: a template of {CODE}s, filled only
    // when every code it names has a value. Empty: none.
    std::string note;
    bool show_parts = false;  // print a ratio's parts with it: "184/184 = 100%"
    xml::Location where;

    bool is_computed() const { return computed.has_value(); }
    // The slots of a rate computed as ratio(a, b): numerator and denominator; nullopt otherwise.
    std::optional<std::pair<std::size_t, std::size_t>> ratio_parts() const;
    bool is_numeric() const;
};

// What a rule does while the indicators its test reads are blank (DHIS2's missing-value
// strategy): not checked while any is blank, while all are, or checked whatever they are.
enum class MissingValues { Default, SkipIfAny, SkipIfAll, Never };

struct Rule {
    std::string id;
    Severity severity = Severity::Error;
    std::string test_source;
    expr::Expr test;
    std::optional<expr::Expr> when;
    std::vector<std::string> codes;
    std::string section;
    LocalText message;  // may hold {CODE} placeholders
    bool uses_previous = false;
    MissingValues missing = MissingValues::Default;
    xml::Location where;

    // The strategy in force: a balance (outermost "=") waits for all its operands, as a clerk
    // half-way down the appendix has not reached them yet; anything else is checked as soon
    // as its test can be decided.
    MissingValues missing_values() const;
};

// A check between this report and the report of another type (`with`) for the same unit and
// period. The test reads this report's indicators by their codes and the other report's as
// "@with.CODE". Parsed, not bound: the other type is only known when both reports are at hand.
struct CrossCheck {
    std::string id;
    std::string with;  // the other report type's id
    Severity severity = Severity::Warning;
    std::string test_source;
    expr::Expr test;
    std::optional<expr::Expr> when;
    std::vector<std::string> codes;        // this type's indicators concerned
    std::vector<std::string> other_codes;  // the other type's indicators concerned (no prefix)
    LocalText message;                     // {CODE} this report's value, {@with.CODE} the other's
    xml::Location where;
};

// How a report of an earlier edition is carried into this one (declared in the new edition).
// Codes on the old side are checked when migrating (the old edition may be in another file);
// codes on the new side when this definition loads.
enum class MappingKind { Rename, Split, Merge, Drop, Section, DropSection };
const char* to_string(MappingKind k);

struct MappingRule {
    MappingKind kind = MappingKind::Rename;
    std::vector<std::string> from;  // old codes, or the old section id
    std::vector<std::string> to;    // new codes, or the new section id; empty for drops
    std::string keep;               // split: the target that receives the whole value; "" = none
    bool sum = false;               // merge: the new value is the sum of the old ones
    LocalText reason;               // why, shown in the migration summary
    xml::Location where;
};

struct Migration {
    std::string from_edition;
    std::vector<MappingRule> rules;
    xml::Location where;
};

struct DocumentDefaults {
    std::string symbol = "BC-UBND";
    std::string parent_body;   // template, e.g. "UBND HUYỆN {PARENT}"
    std::string issuing_body;  // template, e.g. "UBND XÃ {UNIT}"
    std::string signing_authority = "TM. ỦY BAN NHÂN DÂN";
    std::string signer_title = "CHỦ TỊCH";
    std::string appendix_number;
    LocalText summary;  // template, e.g. "Kết quả công tác cải cách hành chính {period}"
    std::vector<std::string> recipients;
};

struct Cutoff {
    int start_day = 15;
    int end_day = 14;
};

class ReportType {
public:
    std::string id;
    std::string edition;
    std::string version;
    LocalText title;
    LocalText short_title;  // for tabs and lists; the title when the definition has none
    LocalText edition_title;
    std::vector<std::string> periods;  // "quarter", "half-year", "nine-months", "year"
    Cutoff cutoff;
    DocumentDefaults document;
    LocalText appendix_title;
    std::string appendix_number;
    std::vector<Section> sections;      // document order (depth first)
    std::vector<Group> groups;          // document order
    std::vector<Indicator> indicators;  // document order, headings included
    std::vector<Rule> rules;
    std::vector<CrossCheck> cross_checks;
    std::vector<Migration> migrations;
    std::string source_file;
    // What loading accepted but is most likely a mistake ("file:line:col: message"), for the
    // author: `schema check` and `plugins` show it; users never do.
    std::vector<std::string> warnings;

    // Slot of an indicator (its index in `indicators`).
    std::optional<std::size_t> slot(std::string_view code) const;
    const Indicator* indicator(std::string_view code) const;
    const Section* section(std::string_view id) const;
    const Group* group(std::string_view code) const;
    bool allows_period(std::string_view kind) const;
    // The mapping declared for reports of `edition`; nullptr when there is none.
    const Migration* migration_from(std::string_view edition) const;

private:
    friend class Loader;
    std::map<std::string, std::size_t, std::less<>> by_code_;
    std::map<std::string, std::size_t, std::less<>> by_section_;
};

using ReportTypePtr = std::shared_ptr<const ReportType>;

// The names a document text may hold in braces ("{unit}", "{PERIOD}"): what
// report::fill_placeholders fills. A section's draft may also name indicator codes; a rule's
// message names only codes. The loader refuses any other name, which users would see as is.
const std::vector<std::string>& document_placeholders();
// The names in braces of `text` ("{I.2}" → "I.2"); a brace around prose ("{xem mục II}", with
// spaces) is prose, not a name.
std::vector<std::string> placeholder_names(std::string_view text);

// Reads and checks a definition. Errors name file, line, column and what was expected.
Result<ReportTypePtr> parse_definition(std::string_view text, const std::string& file_label);
Result<ReportTypePtr> load_definition(const std::string& path);

// The old side of a migration mapping: every old code and section it names must exist in
// `from`. Returns each problem as "file:line:col: message" (empty: fine).
std::vector<std::string> check_migration_sources(const ReportType& to, const Migration& m, const ReportType& from);
// The other side of a cross check: every "@with.CODE" must be a numeric indicator of `other`.
// Returns each problem as "file:line:col: message" (empty: fine).
std::vector<std::string> check_cross_references(const ReportType& t, const CrossCheck& c, const ReportType& other);

}  // namespace rb::schema
