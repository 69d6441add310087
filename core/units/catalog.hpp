#pragma once
// The catalog of administrative units: every province, district and commune of the state's
// list of 4 January 2025 and every province and commune after the reorganisation of 1 July
// 2025, with each new unit's predecessors (whole or in part). Made from the National
// Statistics Office's tables by data/units/make-catalog; format in docs/units.md. A code is
// unique among the units of one level valid on one day, not across the change: look units up
// with the day they are wanted for (a report's last day).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"
#include "locale/vi.hpp"

namespace rb::units {

enum class Level { Province, District, Commune };
enum class Share { Whole, Part };

const char* to_string(Level l);  // "province", "district", "commune"
const char* to_string(Share s);  // "whole", "part"

struct Predecessor {
    std::string code;  // a unit valid the day before this one's `from`
    Share share = Share::Whole;
};

struct Unit {
    std::string code;
    Level level = Level::Commune;
    std::string kind;      // lower case: "xã", "phường", "thị trấn", "đặc khu", "huyện", "tỉnh", …
    std::string name;      // without the kind: "Phương Định"
    std::string parent;    // the district's code (communes before 1/7/2025), the province's (districts)
    std::string province;  // the province's code (districts and communes)
    std::optional<locale::Date> from, to;  // valid from / to, both days included; none: open
    std::vector<Predecessor> predecessors;
    bool local = false;  // from a local additions file, not the state's list
    std::string source;  // "units.tsv:4170", for messages

    std::string full_name() const;  // "Xã Phương Định"
    bool valid_on(locale::Date day) const;
};

// The key names are compared by: NFC, case folded, diacritics removed, "đ" as "d", blanks
// collapsed. "Xã Phương  Định" and "xa phuong dinh" share one key.
std::string plain_key(std::string_view name);
// "Xã Phương Định" from ("xã", "Phương Định"); a name that already starts with its kind word,
// or an empty kind, is left as it is.
std::string with_kind(std::string_view kind, std::string_view name);
// NFC, case folded, blanks collapsed (diacritics kept): how typed names are matched exactly.
std::string folded_name(std::string_view name);
// The name without a leading kind word ("Xã Phương Định" → "Phương Định"; "Phương Định" stays).
std::string_view without_kind(std::string_view name);

class Catalog {
public:
    Catalog() = default;
    // Reads the tab-separated format of docs/units.md; every error names `label` and the line.
    static Result<Catalog> parse(std::string_view text, const std::string& label, bool local = false);
    static Result<Catalog> load(const std::string& path, bool local = false);
    // Adds the units of a local additions file. A code already used by a unit of the same level
    // for an overlapping time is refused, naming both lines.
    rb::Status add(const Catalog& more);

    const std::vector<Unit>& units() const { return units_; }
    std::size_t size() const { return units_.size(); }
    bool empty() const { return units_.empty(); }

    // The unit of `level` with `code` valid on `day`.
    const Unit* find(std::string_view code, Level level, locale::Date day) const;
    // Units of `level` valid on `day` whose name (kind word optional, diacritics optional) is
    // `name`. With diacritics typed, a unit spelt exactly so comes first.
    std::vector<const Unit*> find_by_name(std::string_view name, Level level, locale::Date day) const;
    // What a wizard offers while a name is typed: communes valid on `day` whose name has a word
    // starting with each typed word (diacritics optional), or whose code starts with the text.
    // Exact names first, then name prefixes, then the rest; alphabetical within each.
    std::vector<const Unit*> search(std::string_view typed, locale::Date day, std::size_t limit = 20) const;

    const Unit* province_of(const Unit& u, locale::Date day) const;
    const Unit* district_of(const Unit& u, locale::Date day) const;  // communes before 1/7/2025
    // The units that took `former` in (from the predecessors of units valid after it ended).
    std::vector<const Unit*> successors(const Unit& former) const;
    // The predecessors of `u` as units (those the catalog has), with their share.
    std::vector<std::pair<const Unit*, Share>> predecessors(const Unit& u) const;
    // Communes of province `code` valid on `day`, by name.
    std::vector<const Unit*> communes_of(std::string_view province_code, locale::Date day) const;
    // Province by code or name (kind optional) valid on `day`.
    const Unit* find_province(std::string_view code_or_name, locale::Date day) const;

private:
    void index();
    std::vector<Unit> units_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_code_, by_key_;
    std::vector<std::string> keys_;  // plain_key(name) per unit
};

// The catalog a program uses: data_dir()/units/units.tsv, then every *.tsv of
// data_dir()/units/local/ and of user_data_dir()/units/ (local additions), loaded once.
// REPORTBENCH_UNITS_FILE names another main file (tests). A missing or bad file gives an empty
// catalog and the error in installed_error().
const Catalog& installed();
const std::string& installed_error();

}  // namespace rb::units
