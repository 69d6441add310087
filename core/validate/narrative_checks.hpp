#pragma once
// Checks on a report's narrative (the prose sections): figures that contradict the appendix,
// misspelt names of the unit, paragraphs pasted twice, stale years and hand-typed percentages
// with wrong arithmetic. Text is compared after NFC and case folding, so decomposed or
// differently cased input behaves like the composed lowercase form; offsets always refer to
// the text as given.
#include <cstddef>
#include <optional>
#include <string>

#include "locale/vi.hpp"
#include <vector>

namespace rb::validate {

// How the definition says an indicator shows up in prose.
struct Mention {
    std::string code;                  // indicator code, e.g. "HS.4.2"
    std::vector<std::string> phrases;  // e.g. {"đúng hạn"}; whole words, case-insensitive, NFC.
                                       // Phrases must not contain clause punctuation (. , ; :).
    std::string unit_noun;             // "hồ sơ", "thủ tục"...: a counted number must be followed by it
                                       // (for ratios: the unit of the parts); empty = no requirement
    std::optional<double> value;       // current value; for ratios the percentage (26.73 for
                                       // 26,73%); nullopt (blank, n.a.) = not checked
    std::string display;               // how the appendix shows it ("1.034", "26,73%")
    bool is_ratio = false;             // a percentage computed as numerator / denominator
    std::optional<double> numerator, denominator;  // ratio parts, to check a prose "a/b"
};

struct NarrativeSection {
    std::string id;
    std::string number;  // "II.4"; shown in messages (the title when empty)
    std::string title;
    std::string text;
};

// The unit's own proper names: commune, parent district, province, former names.
struct UnitNames {
    std::vector<std::string> names;
};

enum class CheckKind { NumberContradicts, NameTypo, RepeatedParagraph, WrongYear, FractionArithmetic, WrongPeriod };

struct NarrativeFinding {
    CheckKind kind;
    std::string section_id;
    std::string code;                    // the indicator concerned (NumberContradicts), else empty
    std::size_t offset = 0, length = 0;  // byte range of the offending words in the section's text
    std::string excerpt;                 // the offending words as typed
    std::string message;                 // translated sentence for the user
    std::string replacement;             // WrongPeriod: what the excerpt should say for this report
};

struct NarrativeInput {
    std::vector<NarrativeSection> sections;
    std::vector<Mention> mentions;
    UnitNames unit;
    int report_year = 0;  // 0 = unknown: the year check is skipped
    // For text left over from another period's report: the quarter of a quarterly report
    // (1..4; 0 otherwise), the period's name as documents write it ("Quý II năm 2024") and the
    // data window's first and last day (unset: not checked).
    int report_quarter = 0;
    std::string period_label;
    std::optional<locale::Date> window_from, window_to;
};

namespace detail {
struct NarrativeBuilder;
}

// Everything the narrative checks can work out from the text alone, computed once per text
// version; comparing with the appendix's values afterwards is cheap.
//
// prepare() folds and tokenizes the sections, runs the checks that do not depend on indicator
// values (names, repeats, years, fractions) and, for NumberContradicts, records which figure
// of which clause speaks of which indicator. number_findings() then only compares those
// figures with the values given. Text findings carry messages in the language current when
// prepared.
class NarrativeAnalysis {
public:
    // `mentions` are read for code/phrases/unit_noun/is_ratio only; their values are ignored here.
    static NarrativeAnalysis prepare(const NarrativeInput& in);

    // Names, repeats, years, fractions; ordered by section then position.
    const std::vector<NarrativeFinding>& text_findings() const { return text_findings_; }

    // Figures that disagree with the values of `mentions_with_values`, matched to the prepared
    // mentions by code; ordered by section then position. A mention absent from the list, or
    // without a value, is not checked.
    std::vector<NarrativeFinding> number_findings(const std::vector<Mention>& mentions_with_values) const;

    // True when `in` has the same sections (id, number, title, text), unit names, year and
    // mention codes / phrases / unit nouns / ratio flags as what this was prepared from, and the
    // user interface language is unchanged. Values and displays are not compared.
    bool matches(const NarrativeInput& in) const;

private:
    friend struct detail::NarrativeBuilder;

    // A figure of a clause tied to one indicator, compared with its value later.
    struct Figure {
        enum Kind : unsigned char { Count, Percent, Fraction } kind = Count;
        double x = 0, y = 0;  // value; for a fraction numerator and denominator
        int decimals = 0;     // decimals typed (percentages are compared at that precision)
        std::size_t offset = 0, length = 0;  // byte range in the section's text as given
    };
    struct Claim {
        std::size_t section = 0;
        std::size_t mention = 0;  // index in the prepared NarrativeInput::mentions
        std::string code;
        std::vector<Figure> figures;  // by position; at most one of each kind
    };
    struct MentionKey {
        std::string code;
        std::vector<std::string> phrases;
        std::string unit_noun;
        bool is_ratio = false;
    };

    std::vector<NarrativeSection> sections_;
    std::vector<std::string> names_;
    std::vector<MentionKey> mentions_;
    int report_year_ = 0;
    int report_quarter_ = 0;
    std::string period_label_;
    std::pair<std::optional<locale::Date>, std::optional<locale::Date>> window_;
    int language_ = 0;
    std::vector<Claim> claims_;
    std::vector<NarrativeFinding> text_findings_;
    std::vector<std::size_t> text_sections_;  // section index of each text finding
};

// Every check below, findings ordered by section then position
// (= prepare + text_findings + number_findings).
std::vector<NarrativeFinding> check_narrative(const NarrativeInput& in);

// A number in prose that disagrees with the indicator the clause talks about. Clauses end at
// . ; : , newline and before "trong đó". The mention whose phrase (most words) matches and
// that has a comparable number in the clause is taken; a tie between indicators is skipped.
// Compared only when the clause has exactly one candidate: a count followed by the unit noun,
// a percentage (ratio mentions), or a fraction "a/b" followed by the unit noun (ratio
// mentions). Dates, document numbers, spans, codes and numbers after năm / quý / ngày / tháng
// / mức độ are never candidates. Limits: a figure about a sub-group that shares the phrase
// and unit ("trong đó 5 hồ sơ đúng hạn của lĩnh vực X") reads as the whole indicator.
std::vector<NarrativeFinding> check_number_contradictions(const NarrativeInput& in);

// A run of capitalised syllables 1–2 edits away from one of the unit's names (2 only when the
// difference is in diacritics). Limits: names under 5 letters need a diacritics-only
// difference; old/new tone placement ("Hoà" / "Hòa") counts as a typo; a real neighbouring
// place one letter away from the unit's name is reported.
std::vector<NarrativeFinding> check_name_typos(const NarrativeInput& in);

// A paragraph (a line) of at least 60 letters that appears again, after folding case,
// whitespace and bullets. One finding per repeat, on the later copy. Limits: a repeat with
// a single word changed is not found.
std::vector<NarrativeFinding> check_repeated_paragraphs(const NarrativeInput& in);

// "năm YYYY" (also "đầu năm YYYY") with a year other than the report's. Not flagged: spans
// (năm 2023-2024), dates in words (tháng 12 năm 2023), comparisons and ranges (so với, cùng
// kỳ, từ, đến, trước, sau, giai đoạn). Limits: a plan for next year in a year-end report, or
// a document title naming its year, is reported.
std::vector<NarrativeFinding> check_wrong_years(const NarrativeInput& in);

// A hand-typed "a/b = x%" whose result is wrong at the decimals typed, or that divides by 0
// (must read "không phát sinh").
std::vector<NarrativeFinding> check_fraction_arithmetic(const NarrativeInput& in);
// Another quarter of this year named as the period, or another data window (text kept from the
// previous period's report); each with its replacement.
std::vector<NarrativeFinding> check_other_periods(const NarrativeInput& in);

}  // namespace rb::validate
