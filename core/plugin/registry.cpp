#include "plugin/registry.hpp"

#include "base/file_io.hpp"
#include "export/profile.hpp"

#include <spdlog/spdlog.h>
#ifdef _WIN32
#include "base/win32.hpp"
#include <aclapi.h>
#else
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "base/paths.hpp"
#include "i18n/i18n.hpp"
#include "xml/xml.hpp"

namespace fs = std::filesystem;

namespace rb::plugin {
namespace {

std::string join(const std::vector<xml::Issue>& issues) {
    std::string out;
    for (const auto& i : issues) {
        if (!out.empty()) out += '\n';
        out += i.to_string();
    }
    return out;
}

schema::LocalText local_text(const pugi::xml_node& parent, const char* name) {
    schema::LocalText t;
    for (auto n : parent.children(name))
        (std::string_view(n.attribute("lang").as_string("vi")) == "en" ? t.en : t.vi) = n.text().get();
    return t;
}

// Compares dotted version strings numerically ("1.10" > "1.9").
int compare_versions(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        long x = 0, y = 0;
        while (i < a.size() && a[i] != '.') x = x * 10 + (std::isdigit(static_cast<unsigned char>(a[i])) ? a[i] - '0' : 0), ++i;
        while (j < b.size() && b[j] != '.') y = y * 10 + (std::isdigit(static_cast<unsigned char>(b[j])) ? b[j] - '0' : 0), ++j;
        if (x != y) return x < y ? -1 : 1;
        ++i, ++j;
    }
    return 0;
}

#ifdef _WIN32
// Windows: `path` is unsafe when its access list lets a group of ordinary users write it —
// Everyone, Authenticated Users, Users or Interactive — create files in it (a folder) or change
// its permissions. Administrators, SYSTEM, TrustedInstaller and the user's own account may.
std::string writable_by_others(const fs::path& path, bool /*sticky_ok*/) {
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (GetNamedSecurityInfoW(path.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &dacl, nullptr,
                              &sd) != ERROR_SUCCESS)
        return {};  // missing: the loader names it
    std::string found;
    if (!dacl) {
        found = trf("{} không có danh sách quyền (ai cũng ghi được)", paths::text_of(path));
    } else {
        const WELL_KNOWN_SID_TYPE broad[] = {WinWorldSid, WinAuthenticatedUserSid, WinBuiltinUsersSid, WinInteractiveSid};
        constexpr DWORD kWrite = FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA | FILE_WRITE_ATTRIBUTES | DELETE |
                                 WRITE_DAC | WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL;
        for (DWORD i = 0; i < dacl->AceCount && found.empty(); ++i) {
            void* ace = nullptr;
            if (!GetAce(dacl, i, &ace)) continue;
            const auto* header = static_cast<ACE_HEADER*>(ace);
            if (header->AceType != ACCESS_ALLOWED_ACE_TYPE || (header->AceFlags & INHERIT_ONLY_ACE)) continue;
            const auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(ace);
            if ((allowed->Mask & kWrite) == 0) continue;
            PSID sid = const_cast<DWORD*>(&allowed->SidStart);
            for (const auto type : broad) {
                if (!IsWellKnownSid(sid, type)) continue;
                wchar_t name[256], domain[256];
                DWORD n = 256, d = 256;
                SID_NAME_USE use;
                const std::string who = LookupAccountSidW(nullptr, sid, name, &n, domain, &d, &use)
                                            ? utf16::narrow(name)
                                            : std::string("Users");
                found = trf("{} cho nhóm {} quyền ghi", paths::text_of(path), who);
                break;
            }
        }
    }
    LocalFree(sd);
    return found;
}
#else
// Why `path` could be changed by someone other than this user or root, or empty. It is
// stat()ed, so a symbolic link is judged by what it points to. `sticky_ok`: a folder others may
// write is fine when its sticky bit stops them replacing entries that are not theirs (/tmp),
// which holds for a folder containing our plugin but not for a folder whose entries are
// plugins (there anyone could add one).
std::string writable_by_others(const fs::path& path, bool sticky_ok) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};  // missing: the loader names it
    const uid_t me = ::geteuid();
    if (st.st_uid != me && st.st_uid != 0)
        return trf("{} thuộc về người dùng khác (uid {})", paths::text_of(path), static_cast<unsigned long>(st.st_uid));
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) == 0) return {};
    if (sticky_ok && S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX)) return {};
    const std::string mode = fmt::format("{:04o}", st.st_mode & 07777);
    return (st.st_mode & S_IWOTH) ? trf("{} cho mọi người dùng quyền ghi (quyền {})", paths::text_of(path), mode)
                                  : trf("{} cho cả nhóm quyền ghi (quyền {})", paths::text_of(path), mode);
}
#endif

std::string refusal(const std::string& why) {
    return trf("Plugin không được nạp vì người khác có thể sửa nó: {}. Hãy bỏ quyền ghi của nhóm và người khác "
               "(chmod go-w) hoặc trả thư mục về đúng chủ.",
               why);
}

// A file of a plugin and the folders between it and the plugin folder (`folder`, canonical,
// checked on its own). A file reached through a link to elsewhere is judged with its folder.
std::string unsafe_file(const fs::path& file, const fs::path& folder) {
    std::error_code ec;
    const fs::path real = fs::canonical(file, ec);
    if (ec) return {};  // missing: the loader names it
    if (auto why = writable_by_others(real, false); !why.empty()) return why;
    const auto rel = real.lexically_relative(folder);
    if (rel.empty() || *rel.begin() == "..") return writable_by_others(real.parent_path(), true);
    for (fs::path dir = real.parent_path(); dir != folder && dir.has_relative_path(); dir = dir.parent_path())
        if (auto why = writable_by_others(dir, false); !why.empty()) return why;
    return {};
}

// The plugin folder itself (nobody else may add, remove or replace its files), the folder
// holding it (nobody else may replace the plugin folder) and its plugin.xml.
std::string unsafe_folder(const fs::path& folder) {
    std::error_code ec;
    const fs::path real = fs::canonical(folder, ec);
    if (ec) return {};
    if (auto why = writable_by_others(real, false); !why.empty()) return why;
    if (real.has_relative_path())
        if (auto why = writable_by_others(real.parent_path(), true); !why.empty()) return why;
    return unsafe_file(real / "plugin.xml", real);
}

// A search folder whose entries are plugin folders: it must be ours or root's and closed to
// others, sticky bit or not (anyone who can write in it can add a plugin). Its own folder is
// judged like a plugin's.
std::string unsafe_folder_of_plugins(const std::string& dir) {
    std::error_code ec;
    const fs::path real = fs::canonical(paths::fs_path(dir), ec);
    if (ec) return {};
    if (auto why = writable_by_others(real, false); !why.empty()) return why;
    if (real.has_relative_path()) return writable_by_others(real.parent_path(), true);
    return {};
}

}  // namespace

Result<Manifest> parse_manifest(std::string_view text, const std::string& file_label) {
    if (auto issues = xml::validate(text, "plugin.xsd", file_label); !issues.empty())
        return Result<Manifest>::fail(join(issues));
    pugi::xml_document doc;
    if (auto parsed = xml::parse(text, file_label, doc); !parsed) return Result<Manifest>::fail(parsed.error());
    const pugi::xml_node root = doc.document_element();
    Manifest m;
    m.info.id = root.attribute("id").value();
    m.info.version = root.attribute("version").value();
    m.info.name = local_text(root, "name");
    m.info.description = local_text(root, "description");
    m.api_version = root.attribute("apiVersion").as_int();
    const xml::LineIndex lines(text);
    for (auto d : root.children("definition")) {
        m.definitions.emplace_back(d.attribute("file").value());
        m.named_at.push_back(lines.at(d));
    }
    for (auto p : root.children("profile")) {
        m.profiles.emplace_back(p.attribute("file").value());
        m.named_at.push_back(lines.at(p));
    }
    if (auto lib = root.child("library")) {
        m.library = lib.attribute("file").value();
        m.named_at.push_back(lines.at(lib));
    }
#ifdef _WIN32
    // One plugin.xml for both systems: the library it names as "x.so" is "x.dll" on Windows.
    if (m.library.size() > 3 && m.library.compare(m.library.size() - 3, 3, ".so") == 0)
        m.library.replace(m.library.size() - 3, 3, ".dll");
#endif
    return Result<Manifest>::ok(std::move(m));
}

SearchPath SearchPath::standard(const std::vector<std::string>& command_line_dirs) {
    SearchPath p;
    p.dirs = command_line_dirs;
    p.command_line = command_line_dirs.size();
    p.dirs.push_back(paths::system_plugin_dir());
    if (const std::string machine = paths::machine_plugin_dir(); !machine.empty()) p.dirs.push_back(machine);
    p.dirs.push_back(paths::user_plugin_dir());
    if (const std::string env = paths::environment("REPORTBENCH_PLUGIN_PATH"); !env.empty()) {
        std::string_view rest = env;
        while (!rest.empty()) {
            const auto colon = rest.find(paths::kListSeparator);
            const std::string_view part = rest.substr(0, colon);
            if (!part.empty()) p.dirs.emplace_back(part);
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    return p;
}

Registry Registry::discover(const SearchPath& path) {
    Registry reg;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < path.dirs.size(); ++i) {
        const std::string& dir = path.dirs[i];
        reg.from_command_line_ = i < path.command_line;
        std::error_code ec;
        if (dir.empty() || !fs::is_directory(paths::fs_path(dir), ec)) continue;
        const std::string canonical = paths::text_of(fs::weakly_canonical(paths::fs_path(dir), ec));
        if (fs::exists(paths::fs_path(dir) / "plugin.xml", ec)) {
            if (seen.insert(canonical).second) reg.add_folder(dir);
            continue;
        }
        if (auto why = unsafe_folder_of_plugins(dir); !why.empty()) {
            reg.refuse(dir, refusal(why));
            spdlog::warn("plugin folder {} refused: {}", dir, why);
            continue;
        }
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(paths::fs_path(dir), ec))
            if (entry.is_directory(ec)) folders.push_back(entry.path());
        std::sort(folders.begin(), folders.end());  // deterministic order
        for (const auto& f : folders) {
            if (!fs::exists(f / "plugin.xml", ec)) continue;
            const std::string c = paths::text_of(fs::weakly_canonical(f, ec));
            if (seen.insert(c).second) reg.add_folder(paths::text_of(f));
        }
    }
    reg.from_command_line_ = false;
    reg.check_profiles();
    return reg;
}

namespace {

// The report types a plugin folder would have brought, read leniently from its plugin.xml and
// definitions (whatever is wrong with them): a report of such a type can then say why it cannot
// be opened. Only attributes are read; nothing of the plugin runs.
std::vector<std::string> types_named_by(const std::string& folder) {
    std::vector<std::string> ids;
    auto root_of = [](const std::string& path, pugi::xml_document& doc) {
        auto text = files::read(path, 16u << 20);
        return text && doc.load_buffer(text->data(), text->size()) ? doc.document_element() : pugi::xml_node();
    };
    pugi::xml_document manifest;
    for (auto d : root_of(paths::join(folder, "plugin.xml"), manifest).children("definition")) {
        const std::string_view file = d.attribute("file").value();
        if (file.find("..") != std::string_view::npos || file.find(':') != std::string_view::npos ||
            file.substr(0, 1) == "/" || file.substr(0, 1) == "\\")
            continue;  // outside the folder: loading refuses it anyway
        pugi::xml_document def;
        const std::string id = root_of(paths::join(folder, d.attribute("file").value()), def).attribute("id").value();
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
}

}  // namespace

void Registry::refuse(const std::string& folder, std::string reason) {
    Failure f;
    f.folder = folder;
    f.reason = std::move(reason);
    f.type_ids = types_named_by(folder);
    failures_.push_back(std::move(f));
}

std::string Registry::why_unavailable(std::string_view type_id, std::string_view edition) const {
    for (const auto& f : failures_)
        if (std::find(f.type_ids.begin(), f.type_ids.end(), type_id) != f.type_ids.end())
            return trf("báo cáo dùng loại “{}” ấn bản “{}”, nhưng plugin của loại này ({}) không được nạp: {}", type_id,
                       edition, f.folder, f.reason);
    std::string installed;
    for (const auto& t : editions(type_id)) installed += (installed.empty() ? "" : ", ") + t->edition;
    if (!installed.empty())
        return trf("báo cáo dùng loại “{}” ấn bản “{}”, chưa được cài đặt (các ấn bản đã cài: {})", type_id, edition,
                   installed);
    return trf("báo cáo dùng loại “{}” ấn bản “{}”, chưa được cài đặt", type_id, edition);
}

std::string Registry::failures_fingerprint() const {
    if (failures_.empty()) return {};
    // FNV-1a over every folder and reason: stable across runs and builds.
    std::uint64_t h = 1469598103934665603ull;
    for (const auto& f : failures_)
        for (const std::string* part : {&f.folder, &f.reason})
            for (const char c : *part + '\n') h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return fmt::format("{:016x}", h);
}

void Registry::check_profiles(const std::vector<schema::ReportTypePtr>& also) {
    std::vector<schema::ReportTypePtr> known = also;
    for (const auto& e : types_) known.push_back(e.type);
    for (auto it = profiles_.begin(); it != profiles_.end();) {
        const auto problems = exporting::check_profile(*it, known);
        if (problems.empty()) {
            ++it;
            continue;
        }
        std::string msg;
        for (const auto& m : problems) msg += (msg.empty() ? "" : "\n") + m;
        for (auto& p : plugins_) {
            auto owned = std::find(p.profile_ids.begin(), p.profile_ids.end(), it->id);
            if (owned == p.profile_ids.end()) continue;
            failures_.push_back({p.folder, msg, {}});
            p.profile_ids.erase(owned);
        }
        spdlog::warn("recipient profile {} refused: {}", it->id, msg);
        it = profiles_.erase(it);
    }
}

std::vector<std::string> Registry::warnings() const {
    std::vector<std::string> out;
    for (const auto& e : types_) out.insert(out.end(), e.type->warnings.begin(), e.type->warnings.end());
    return out;
}

void Registry::add_folder(const std::string& folder, bool run_library) {
    const std::string manifest_path = paths::join(folder, "plugin.xml");
    if (auto why = unsafe_folder(paths::fs_path(folder)); !why.empty()) {
        refuse(folder, refusal(why));
        spdlog::warn("plugin {} refused: {}", folder, why);
        return;
    }
    auto text = files::read(manifest_path, 1u << 20);
    if (!text) {
        refuse(folder, text.error());
        return;
    }
    auto manifest = parse_manifest(*text, manifest_path);
    if (!manifest) {
        refuse(folder, manifest.error());
        spdlog::warn("plugin {} rejected: {}", folder, failures_.back().reason);
        return;
    }
    PluginInfo info = std::move(manifest->info);
    info.folder = folder;
    const int api = manifest->api_version;
    if (api != kApiVersion) {
        refuse(folder, trf("{}: plugin “{}” dùng API phiên bản {}, chương trình hỗ trợ phiên bản {}",
                                         manifest_path, info.id, api, kApiVersion));
        return;
    }
    for (const auto& p : plugins_) {
        if (p.id == info.id) {
            conflicts_.push_back(preferred_.count(p.id)
                                     ? trf("Plugin “{}” có ở hai nơi: dùng {} (chỉ định bằng --plugin-path, được ưu "
                                           "tiên hơn bản đã cài), bỏ qua {}",
                                           info.id, p.folder, folder)
                                     : trf("Plugin “{}” có ở hai nơi: dùng {} (tìm thấy trước), bỏ qua {}", info.id,
                                           p.folder, folder));
            return;
        }
    }
    // Every file the manifest names must be there: said at the line that names it.
    {
        std::vector<std::string> named = manifest->definitions;
        named.insert(named.end(), manifest->profiles.begin(), manifest->profiles.end());
        if (!manifest->library.empty()) named.push_back(manifest->library);
        std::string missing;
        for (std::size_t i = 0; i < named.size(); ++i) {
            std::error_code ec;
            if (fs::is_regular_file(paths::fs_path(folder) / paths::fs_path(named[i]), ec)) continue;
            const xml::Location where = i < manifest->named_at.size() ? manifest->named_at[i] : xml::Location{};
            missing += (missing.empty() ? "" : "\n") +
                       xml::Issue{manifest_path, where,
                                  trf("tệp “{}” mà plugin.xml nêu không có trong thư mục plugin {}", named[i], folder)}
                           .to_string();
        }
        if (!missing.empty()) {
            refuse(folder, missing);
            spdlog::warn("plugin {} rejected: {}", folder, missing);
            return;
        }
    }
    // Every file the manifest names is checked before any is read or loaded.
    {
        std::error_code ec;
        const fs::path real_folder = fs::canonical(paths::fs_path(folder), ec);
        std::vector<std::string> files = manifest->definitions;
        files.insert(files.end(), manifest->profiles.begin(), manifest->profiles.end());
        if (!manifest->library.empty()) files.push_back(manifest->library);
        for (const auto& f : files)
            if (auto why = ec ? std::string() : unsafe_file(paths::fs_path(folder) / paths::fs_path(f), real_folder); !why.empty()) {
                refuse(folder, refusal(why));
                spdlog::warn("plugin {} refused: {}", folder, why);
                return;
            }
    }
    // Load every definition first: a plugin with a broken definition is rejected whole, so
    // a half-loaded plugin never shows up.
    std::vector<schema::ReportTypePtr> loaded;
    for (const auto& d : manifest->definitions) {
        const std::string file = paths::join(folder, d);
        auto type = schema::load_definition(file);
        if (!type) {
            refuse(folder, type.error());
            spdlog::warn("plugin {} rejected: {}", folder, type.error());
            return;
        }
        loaded.push_back(*type);
    }
    // Recipient profiles may be for this plugin's types or for another plugin's: a folder with
    // only a plugin.xml and profiles is how a new recipient format is added. Whether a type
    // can use them is checked once every plugin is in (check_profiles).
    std::vector<exporting::RecipientProfile> profiles;
    for (const auto& pr : manifest->profiles) {
        const std::string file = paths::join(folder, pr);
        auto profile = exporting::load_profile(file);
        if (!profile) {
            refuse(folder, profile.error());
            spdlog::warn("plugin {} rejected: {}", folder, profile.error());
            return;
        }
        for (const auto& other : profiles_)
            if (other.id == profile->id) {
                conflicts_.push_back(trf("Hồ sơ nơi nhận “{}” có ở hai nơi: dùng {}, bỏ qua {}", profile->id,
                                         other.source_file, file));
                profile->id.clear();
            }
        if (!profile->id.empty()) profiles.push_back(std::move(*profile));
    }
    // The native library comes last: its rules and drafters only join when everything else of
    // the plugin is sound, and a library that fails takes only its own plugin down.
    NativeExtensions native;
    if (!manifest->library.empty()) info.library = paths::join(folder, manifest->library);
    if (!manifest->library.empty() && run_library) {
        auto loaded_lib = load_library(info.library);
        if (!loaded_lib) {
            refuse(folder, loaded_lib.error());
            spdlog::warn("plugin {} rejected: {}", folder, loaded_lib.error());
            return;
        }
        native = std::move(*loaded_lib);
    }
    native_.merge(std::move(native));
    for (auto& p : profiles) {
        info.profile_ids.push_back(p.id);
        profiles_.push_back(std::move(p));
    }
    for (auto& type : loaded) {
        const std::string key = type->id + "@" + type->edition;
        auto existing = std::find_if(types_.begin(), types_.end(), [&](const TypeEntry& e) {
            return e.type->id == type->id && e.type->edition == type->edition;
        });
        if (existing != types_.end()) {
            // The higher definition version wins; on a tie, the one found first.
            const bool replace = compare_versions(type->version, existing->type->version) > 0;
            const std::string& kept_plugin = replace ? info.id : existing->plugin_id;
            const std::string& dropped_plugin = replace ? existing->plugin_id : info.id;
            conflicts_.push_back(trf("Loại báo cáo “{}” (ấn bản {}) do hai plugin cung cấp: dùng của “{}”, bỏ qua của “{}”",
                                     type->id, type->edition, kept_plugin, dropped_plugin));
            if (!replace) continue;
            *existing = TypeEntry{type, info.id};
        } else {
            types_.push_back(TypeEntry{type, info.id});
        }
        info.type_keys.push_back(key);
    }
    spdlog::info("plugin {} {} loaded from {}", info.id, info.version, folder);
    if (from_command_line_) preferred_.insert(info.id);
    plugins_.push_back(std::move(info));
}

const exporting::RecipientProfile* Registry::find_profile(std::string_view id) const {
    for (const auto& p : profiles_)
        if (p.id == id) return &p;
    return nullptr;
}

schema::ReportTypePtr Registry::find(std::string_view id, std::string_view edition) const {
    for (const auto& e : types_)
        if (e.type->id == id && (edition.empty() || e.type->edition == edition)) return e.type;
    return nullptr;
}

std::vector<schema::ReportTypePtr> Registry::editions(std::string_view id) const {
    std::vector<schema::ReportTypePtr> out;
    for (const auto& e : types_)
        if (e.type->id == id) out.push_back(e.type);
    return out;
}

const PluginInfo* Registry::plugin_of(const schema::ReportType& type) const {
    for (const auto& e : types_) {
        if (e.type.get() != &type) continue;
        for (const auto& p : plugins_)
            if (p.id == e.plugin_id) return &p;
    }
    return nullptr;
}

const std::vector<std::shared_ptr<const api::RuleSet>>& Registry::rules_for(const std::string& type_id) const {
    static const std::vector<std::shared_ptr<const api::RuleSet>> none;
    auto it = native_.rules.find(type_id);
    return it == native_.rules.end() ? none : it->second;
}

std::shared_ptr<const api::Drafter> Registry::drafter_for(const std::string& type_id, const std::string& section) const {
    auto it = native_.drafters.find({type_id, section});
    return it == native_.drafters.end() ? nullptr : it->second;
}

CheckResult check_file(const std::string& path, const Registry* installed) {
    CheckResult out;
    auto lines_of = [](std::string_view text) {
        std::vector<std::string> v;
        while (!text.empty()) {
            const auto nl = text.find('\n');
            v.emplace_back(text.substr(0, nl));
            if (nl == std::string_view::npos) break;
            text.remove_prefix(nl + 1);
        }
        return v;
    };
    auto text = files::read(path, files::kMaxReportBytes);
    if (!text) return {{text.error()}, {}};
    pugi::xml_document doc;
    if (auto parsed = xml::parse(*text, path, doc); !parsed) return {{parsed.error()}, {}};
    const std::string root = doc.document_element().name();
    std::vector<schema::ReportTypePtr> installed_types;
    if (installed)
        for (const auto& e : installed->types()) installed_types.push_back(e.type);
    const fs::path folder = paths::fs_path(path).parent_path();
    if (root == "reportType") {
        auto t = schema::parse_definition(*text, path);
        if (!t) return {lines_of(t.error()), {}};
        return {{}, (*t)->warnings};
    }
    if (root == "plugin") {
        // The plugin as loading sees it: alone first, then its profiles against the installed types.
        Registry alone;
        alone.add_folder(paths::text_of(folder.empty() ? fs::path(".") : folder), false);
        alone.check_profiles(installed_types);
        for (const auto& f : alone.failures())
            for (auto& l : lines_of(f.reason)) out.errors.push_back(std::move(l));
        out.warnings = alone.warnings();
        return out;
    }
    if (root == "profile") {
        auto p = exporting::parse_profile(*text, path);
        if (!p) return {lines_of(p.error()), {}};
        // The types of the plugin it sits in count, as when that plugin loads.
        // The definitions its plugin names count, even when that plugin would be refused.
        std::error_code ec;
        for (const fs::path& f : {folder, folder.parent_path()}) {
            if (f.empty() || !fs::exists(f / "plugin.xml", ec)) continue;
            auto manifest_text = files::read(paths::text_of(f / "plugin.xml"), 1u << 20);
            auto manifest = manifest_text ? parse_manifest(*manifest_text, paths::text_of(f / "plugin.xml"))
                                          : Result<Manifest>::fail(manifest_text.error());
            if (manifest)
                for (const auto& d : manifest->definitions)
                    if (auto t = schema::load_definition(paths::text_of(f / paths::fs_path(d))))
                        installed_types.push_back(*t);
            break;
        }
        out.errors = exporting::check_profile(*p, installed_types);
        return out;
    }
    const char* xsd = root == "report" ? "report.xsd" : root == "unitProfile" ? "unitprofile.xsd" : nullptr;
    if (!xsd) return {{trf("{}: không nhận ra loại tệp (phần tử gốc <{}>)", path, root)}, {}};
    for (const auto& i : xml::validate(*text, xsd, path)) out.errors.push_back(i.to_string());
    return out;
}

}  // namespace rb::plugin
