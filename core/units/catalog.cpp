#include "units/catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "base/file_io.hpp"
#include "base/paths.hpp"
#include "i18n/i18n.hpp"

namespace rb::units {
namespace fs = std::filesystem;
using i18n::tr;
using i18n::trf;

namespace {

// The catalog is about 1 MB; a local additions file is far smaller.
constexpr std::size_t kMaxCatalogBytes = 16u << 20;

// Kind words a name may start with, longest first.
constexpr std::string_view kKindWords[] = {"thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "quận",
                                           "huyện", "tỉnh", "xã"};

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) return out;
        start = pos + 1;
    }
}

std::optional<Level> parse_level(std::string_view s) {
    if (s == "province") return Level::Province;
    if (s == "district") return Level::District;
    if (s == "commune") return Level::Commune;
    return std::nullopt;
}

bool overlaps(const Unit& a, const Unit& b) {
    const locale::Date lo{1, 1, 1}, hi{9999, 12, 31};
    return a.from.value_or(lo) <= b.to.value_or(hi) && b.from.value_or(lo) <= a.to.value_or(hi);
}

std::vector<std::string> words_of(std::string_view key) {
    std::vector<std::string> out;
    for (auto w : split(key, ' '))
        if (!w.empty()) out.emplace_back(w);
    return out;
}

}  // namespace

const char* to_string(Level l) {
    switch (l) {
        case Level::Province: return "province";
        case Level::District: return "district";
        case Level::Commune: return "commune";
    }
    return "commune";
}

const char* to_string(Share s) { return s == Share::Whole ? "whole" : "part"; }

std::string Unit::full_name() const { return with_kind(kind, name); }

std::string with_kind(std::string_view kind_text, std::string_view name) {
    if (kind_text.empty() || without_kind(name).size() != name.size()) return std::string(name);
    std::string k(kind_text);
    // Upper-case the first letter only ("thị trấn" → "Thị trấn").
    const auto first_len = static_cast<std::size_t>(
        (static_cast<unsigned char>(k[0]) < 0x80) ? 1 : (static_cast<unsigned char>(k[0]) < 0xE0) ? 2 : 3);
    return locale::to_upper(k.substr(0, first_len)) + k.substr(first_len) + ' ' + std::string(name);
}

bool Unit::valid_on(locale::Date day) const {
    return (!from || *from <= day) && (!to || day <= *to);
}

std::string folded_name(std::string_view name) {
    std::string out;
    bool blank = false;
    for (char c : locale::fold_case(locale::to_nfc(name))) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            blank = true;
            continue;
        }
        if (blank && !out.empty()) out += ' ';
        blank = false;
        out += c;
    }
    return out;
}

std::string plain_key(std::string_view name) {
    const std::string plain = locale::strip_diacritics(locale::fold_case(name));
    std::string out;
    out.reserve(plain.size());
    for (char c : plain) {
        const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (blank) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string_view without_kind(std::string_view name) {
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    const std::string head = locale::fold_case(name.substr(0, std::min<std::size_t>(name.size(), 24)));
    // "Phương" is not "Phường": diacritics decide, unless the kind word was typed without any.
    const bool ascii_head = std::all_of(head.begin(), head.begin() + static_cast<long>(std::min<std::size_t>(head.size(), 10)),
                                        [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const std::string compare_head = ascii_head ? plain_key(head) : head;
    for (auto kind : kKindWords) {
        const std::string k = ascii_head ? plain_key(kind) : std::string(kind);
        if (compare_head.size() > k.size() && compare_head.compare(0, k.size(), k) == 0 && compare_head[k.size()] == ' ') {
            // Skip as many words of `name` as the kind has.
            std::size_t words = static_cast<std::size_t>(std::count(k.begin(), k.end(), ' ')) + 1;
            std::size_t i = 0;
            while (words > 0 && i < name.size()) {
                while (i < name.size() && name[i] != ' ') ++i;
                while (i < name.size() && name[i] == ' ') ++i;
                --words;
            }
            return name.substr(i);
        }
    }
    return name;
}

Result<Catalog> Catalog::parse(std::string_view text, const std::string& label, bool local) {
    Catalog c;
    if (!locale::is_valid_utf8(text))
        return Result<Catalog>::fail(trf("{}: tệp danh mục đơn vị hành chính không phải UTF-8 hợp lệ", label));
    bool header_seen = false, format_seen = false;
    int line_no = 0;
    for (auto line : split(text, '\n')) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        const std::string where = fmt::format("{}:{}", label, line_no);
        if (line.rfind("#format\t", 0) == 0) {
            if (line.substr(8) != "1")
                return Result<Catalog>::fail(
                    trf("{}: định dạng danh mục \"{}\" chưa được hỗ trợ (phiên bản này đọc định dạng 1)", where, line.substr(8)));
            format_seen = true;
            continue;
        }
        if (line.front() == '#') continue;
        const auto cells = split(line, '\t');
        if (!header_seen) {
            if (cells.size() < 9 || cells[0] != "code" || cells[1] != "level")
                return Result<Catalog>::fail(
                    trf("{}: thiếu dòng tiêu đề \"code, level, kind, name, parent, province, from, to, predecessors\"", where));
            header_seen = true;
            continue;
        }
        if (cells.size() != 9)
            return Result<Catalog>::fail(trf("{}: có {} cột, cần 9 cột cách nhau bằng dấu tab", where, cells.size()));
        Unit u;
        u.code = std::string(cells[0]);
        const auto level = parse_level(cells[1]);
        if (u.code.empty() || !std::all_of(u.code.begin(), u.code.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            return Result<Catalog>::fail(trf("{}: mã đơn vị \"{}\" phải gồm các chữ số", where, cells[0]));
        if (!level)
            return Result<Catalog>::fail(
                trf("{}: cấp \"{}\" không hợp lệ (province, district hoặc commune)", where, cells[1]));
        u.level = *level;
        u.kind = locale::to_nfc(cells[2]);
        u.name = locale::to_nfc(cells[3]);
        if (u.name.empty()) return Result<Catalog>::fail(trf("{}: đơn vị {} không có tên", where, u.code));
        u.parent = std::string(cells[4]);
        u.province = std::string(cells[5]);
        for (int i : {6, 7}) {
            if (cells[i].empty()) continue;
            auto d = locale::parse_date(cells[i]);
            if (!d) return Result<Catalog>::fail(trf("{}: ngày \"{}\" không hợp lệ: {}", where, cells[i], d.error()));
            (i == 6 ? u.from : u.to) = *d;
        }
        if (u.from && u.to && *u.to < *u.from)
            return Result<Catalog>::fail(trf("{}: ngày kết thúc trước ngày bắt đầu", where));
        if (!cells[8].empty()) {
            for (auto p : split(cells[8], ';')) {
                const auto colon = p.find(':');
                const auto share = colon == std::string_view::npos ? std::string_view{} : p.substr(colon + 1);
                if (colon == 0 || (share != "whole" && share != "part"))
                    return Result<Catalog>::fail(
                        trf("{}: đơn vị tiền thân \"{}\" phải có dạng MÃ:whole hoặc MÃ:part", where, p));
                u.predecessors.push_back({std::string(p.substr(0, colon)), share == "whole" ? Share::Whole : Share::Part});
            }
        }
        u.local = local;
        u.source = where;
        c.units_.push_back(std::move(u));
    }
    if (!format_seen) return Result<Catalog>::fail(trf("{}: thiếu dòng \"#format<TAB>1\"", label));
    if (!header_seen) return Result<Catalog>::fail(trf("{}: thiếu dòng tiêu đề", label));
    c.index();
    // A code names one unit of a level at a time.
    for (const auto& [code, list] : c.by_code_)
        for (std::size_t i = 0; i < list.size(); ++i)
            for (std::size_t j = i + 1; j < list.size(); ++j) {
                const Unit& a = c.units_[list[i]];
                const Unit& b = c.units_[list[j]];
                if (a.level == b.level && overlaps(a, b))
                    return Result<Catalog>::fail(
                        trf("{}: mã {} đã dùng cho \"{}\" ({}) trong cùng thời gian", b.source, code, a.full_name(), a.source));
            }
    return Result<Catalog>::ok(std::move(c));
}

Result<Catalog> Catalog::load(const std::string& path, bool local) {
    auto text = files::read(path, kMaxCatalogBytes);
    if (!text) return Result<Catalog>::fail(text.error());
    return parse(*text, paths::file_name(path), local);
}

rb::Status Catalog::add(const Catalog& more) {
    for (const auto& u : more.units_) {
        if (auto it = by_code_.find(u.code); it != by_code_.end())
            for (std::size_t i : it->second) {
                const Unit& a = units_[i];
                if (a.level == u.level && overlaps(a, u))
                    return rb::Status::fail(
                        trf("{}: mã {} đã dùng cho \"{}\" ({}) trong cùng thời gian", u.source, u.code, a.full_name(), a.source));
            }
    }
    units_.insert(units_.end(), more.units_.begin(), more.units_.end());
    index();
    return ok_status();
}

void Catalog::index() {
    by_code_.clear();
    by_key_.clear();
    keys_.clear();
    keys_.reserve(units_.size());
    for (std::size_t i = 0; i < units_.size(); ++i) {
        keys_.push_back(plain_key(units_[i].name));
        by_code_[units_[i].code].push_back(i);
        by_key_[keys_.back()].push_back(i);
    }
}

const Unit* Catalog::find(std::string_view code, Level level, locale::Date day) const {
    auto it = by_code_.find(std::string(code));
    if (it == by_code_.end()) return nullptr;
    for (std::size_t i : it->second)
        if (units_[i].level == level && units_[i].valid_on(day)) return &units_[i];
    return nullptr;
}

std::vector<const Unit*> Catalog::find_by_name(std::string_view name, Level level, locale::Date day) const {
    std::vector<const Unit*> out;
    const std::string whole = locale::to_nfc(name);
    const std::string bare = std::string(without_kind(whole));
    for (const std::string* typed : {&whole, &bare}) {
        auto it = by_key_.find(plain_key(*typed));
        if (it == by_key_.end()) continue;
        for (std::size_t i : it->second)
            if (units_[i].level == level && units_[i].valid_on(day) &&
                std::find(out.begin(), out.end(), &units_[i]) == out.end())
                out.push_back(&units_[i]);
        if (!out.empty()) break;
    }
    const std::string exact = locale::fold_case(bare);
    std::stable_sort(out.begin(), out.end(), [&](const Unit* a, const Unit* b) {
        return (locale::fold_case(a->name) == exact) > (locale::fold_case(b->name) == exact);
    });
    return out;
}

std::vector<const Unit*> Catalog::search(std::string_view typed, locale::Date day, std::size_t limit) const {
    std::vector<const Unit*> out;
    std::string trimmed(typed);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    // "phuong dinh" may be a name or a kind and a name: both are tried.
    const std::string key = plain_key(trimmed);
    const std::string bare_key = plain_key(without_kind(trimmed));
    if (key.empty()) return out;
    const std::string typed_exact = locale::fold_case(trimmed);
    const std::string bare_exact = locale::fold_case(without_kind(trimmed));
    const bool digits = std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
    const auto wanted = words_of(key);
    const auto bare_wanted = words_of(bare_key);
    const auto words_start = [](const std::vector<std::string>& have, const std::vector<std::string>& want) {
        if (want.empty()) return false;
        std::size_t at = 0;
        for (const auto& w : want) {
            while (at < have.size() && have[at].rfind(w, 0) != 0) ++at;
            if (at == have.size()) return false;
            ++at;
        }
        return true;
    };
    struct Hit {
        int rank;
        std::size_t index;
    };
    std::vector<Hit> hits;
    for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (u.level != Level::Commune || !u.valid_on(day)) continue;
        if (digits) {
            if (u.code.rfind(key, 0) == 0) hits.push_back({u.code == key ? 0 : 1, i});
            continue;
        }
        const std::string& k = keys_[i];
        if (k == key || k == bare_key) {
            // Spelt as typed, diacritics included, before a name that only reads the same.
            const std::string name = locale::fold_case(u.name);
            hits.push_back({name == typed_exact || name == bare_exact ? 0 : 1, i});
            continue;
        }
        // Every typed word must start a word of the name, in order.
        const auto have = words_of(k);
        if (words_start(have, wanted) || (bare_key != key && words_start(have, bare_wanted)))
            hits.push_back({k.rfind(key, 0) == 0 || (bare_key != key && k.rfind(bare_key, 0) == 0) ? 2 : 3, i});
    }
    std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        if (a.rank != b.rank) return a.rank < b.rank;
        if (keys_[a.index] != keys_[b.index]) return keys_[a.index] < keys_[b.index];
        return units_[a.index].province < units_[b.index].province;
    });
    for (const auto& h : hits) {
        if (out.size() == limit) break;
        out.push_back(&units_[h.index]);
    }
    return out;
}

const Unit* Catalog::province_of(const Unit& u, locale::Date day) const {
    if (u.level == Level::Province) return &u;
    return find(u.province, Level::Province, day);
}

const Unit* Catalog::district_of(const Unit& u, locale::Date day) const {
    if (u.level != Level::Commune || u.parent.empty()) return nullptr;
    return find(u.parent, Level::District, day);
}

std::vector<const Unit*> Catalog::successors(const Unit& former) const {
    std::vector<const Unit*> out;
    if (!former.to) return out;
    const locale::Date next = locale::add_days(*former.to, 1);
    for (const auto& u : units_) {
        if (!u.valid_on(next) || !u.from || *u.from != next) continue;
        for (const auto& p : u.predecessors)
            if (p.code == former.code && find(p.code, former.level, *former.to) == &former) {
                out.push_back(&u);
                break;
            }
    }
    return out;
}

std::vector<std::pair<const Unit*, Share>> Catalog::predecessors(const Unit& u) const {
    std::vector<std::pair<const Unit*, Share>> out;
    if (!u.from) return out;
    const locale::Date before = locale::add_days(*u.from, -1);
    for (const auto& p : u.predecessors) {
        // A commune's predecessor is a commune, or a district made a special zone.
        const Unit* found = find(p.code, u.level, before);
        if (!found && u.level == Level::Commune) found = find(p.code, Level::District, before);
        if (found) out.emplace_back(found, p.share);
    }
    return out;
}

std::vector<const Unit*> Catalog::communes_of(std::string_view province_code, locale::Date day) const {
    std::vector<const Unit*> out;
    for (const auto& u : units_)
        if (u.level == Level::Commune && u.province == province_code && u.valid_on(day)) out.push_back(&u);
    std::sort(out.begin(), out.end(), [&](const Unit* a, const Unit* b) {
        return keys_[static_cast<std::size_t>(a - units_.data())] < keys_[static_cast<std::size_t>(b - units_.data())];
    });
    return out;
}

const Unit* Catalog::find_province(std::string_view code_or_name, locale::Date day) const {
    if (const Unit* u = find(code_or_name, Level::Province, day)) return u;
    auto named = find_by_name(code_or_name, Level::Province, day);
    return named.empty() ? nullptr : named.front();
}

namespace {

struct Installed {
    Catalog catalog;
    std::string error;
};

Installed load_installed() {
    Installed out;
    std::string main_file;
    if (std::string env = paths::environment("REPORTBENCH_UNITS_FILE"); !env.empty()) {
        main_file = std::move(env);
    } else {
        main_file = paths::text_of(paths::fs_path(paths::data_dir()) / "units" / "units.tsv");
    }
    auto main = Catalog::load(main_file);
    if (!main) {
        out.error = main.error();
        return out;
    }
    out.catalog = std::move(*main);
    for (const fs::path& dir : {paths::fs_path(paths::data_dir()) / "units" / "local", paths::fs_path(paths::user_data_dir()) / "units"}) {
        std::error_code ec;
        std::vector<fs::path> files;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".tsv") files.push_back(it->path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            auto more = Catalog::load(paths::text_of(f), true);
            auto added = more ? out.catalog.add(*more) : rb::Status::fail(more.error());
            if (!added) out.error += (out.error.empty() ? "" : "\n") + added.error();
        }
    }
    return out;
}

const Installed& installed_state() {
    static const Installed state = load_installed();
    return state;
}

}  // namespace

const Catalog& installed() { return installed_state().catalog; }
const std::string& installed_error() { return installed_state().error; }

}  // namespace rb::units
