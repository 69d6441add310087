#pragma once
// Checks on a report's narrative (the prose sections): figures that contradict the appendix,
// misspelt names of the unit, paragraphs pasted twice, stale years and hand-typed percentages
// with wrong arithmetic. Text is compared after NFC and case folding, so decomposed or
// differently cased input behaves like the composed lowercase form; offsets always refer to
// the text as given.
#include <cstddef>
#include <optional>
#include <string>
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

enum class CheckKind { NumberContradicts, NameTypo, RepeatedParagraph, WrongYear, FractionArithmetic };

struct NarrativeFinding {
    CheckKind kind;
    std::string section_id;
    std::string code;                    // the indicator concerned (NumberContradicts), else empty
    std::size_t offset = 0, length = 0;  // byte range of the offending words in the section's text
    std::string excerpt;                 // the offending words as typed
    std::string message;                 // translated sentence for the user
};

struct NarrativeInput {
    std::vector<NarrativeSection> sections;
    std::vector<Mention> mentions;
    UnitNames unit;
    int report_year = 0;  // 0 = unknown: the year check is skipped
};

// Every check below, findings ordered by section then position.
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

}  // namespace rb::validate
