#include "plugin/native.hpp"

#include <boost/dll/shared_library.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <mutex>

#ifdef _WIN32
#include "base/win32.hpp"
#endif

#include "base/paths.hpp"
#include "i18n/i18n.hpp"

namespace rb::plugin {
namespace {

// Libraries are never unloaded: unloading is a known source of crashes when any object, vtable
// or function pointer from the library is still around. The process exit is the only unload.
std::vector<boost::dll::shared_library>& loaded_libraries() {
    static std::vector<boost::dll::shared_library> libs;
    return libs;
}
std::mutex& libraries_mutex() {
    static std::mutex m;
    return m;
}

class Collector : public api::Registrar {
public:
    void add_rules(const std::string& type_id, std::shared_ptr<const api::RuleSet> rules) override {
        if (rules) ext.rules[type_id].push_back(std::move(rules));
    }
    void add_drafter(const std::string& type_id, const std::string& section_id,
                     std::shared_ptr<const api::Drafter> drafter) override {
        if (drafter) ext.drafters[{type_id, section_id}] = std::move(drafter);
    }
    void log_info(const std::string& message) override { spdlog::info("plugin: {}", message); }
    void add_exporter(std::shared_ptr<const api::Exporter> exporter) override {
        if (!exporter) return;
        // Called inside the plugin's registration: what these throw refuses the plugin.
        PluginFormat f{exporter, exporter->id(), exporter->extension(), exporter->label_vi(), exporter->label_en()};
        ext.exporters.push_back(std::move(f));
    }
    NativeExtensions ext;
};

// Which interface two layouts disagree on, for the message: the first whose counts differ in
// the direction that matters.
std::string layout_mismatch(const api::Layout& host, const api::Layout& plugin) {
    struct Row {
        const char* name;
        int api::Layout::*count;
        bool host_implements;
    };
    static const Row rows[] = {{"ReportView", &api::Layout::report_view, true}, {"Registrar", &api::Layout::registrar, true},
                               {"RuleSet", &api::Layout::rule_set, false},      {"Drafter", &api::Layout::drafter, false},
                               {"Exporter", &api::Layout::exporter, false},     {"Plugin", &api::Layout::plugin, false}};
    for (const auto& r : rows) {
        const int h = host.*r.count, p = plugin.*r.count;
        if (r.host_implements && p > h)
            return trf("giao diện {} có {} hàm trong SDK của plugin, chương trình chỉ có {}: plugin được biên dịch với "
                       "SDK mới hơn chương trình; hãy cập nhật ReportBench",
                       r.name, p, h);
        if (!r.host_implements && p < h)
            return trf("giao diện {} có {} hàm trong SDK của plugin, chương trình cần {}: plugin được biên dịch với SDK "
                       "cũ hơn; hãy biên dịch lại plugin với SDK của phiên bản này",
                       r.name, p, h);
    }
    return {};
}

}  // namespace

bool call_plugin(const std::function<void()>& call, std::string& error) {
    try {
        call();
        return true;
    } catch (const std::exception& e) {
        error = e.what();
    } catch (...) {
        error = tr("lỗi không rõ");
    }
    return false;
}

void NativeExtensions::merge(NativeExtensions&& other) {
    for (auto& [type, list] : other.rules)
        for (auto& r : list) rules[type].push_back(std::move(r));
    for (auto& [key, d] : other.drafters) drafters[key] = std::move(d);
    for (auto& e : other.exporters) exporters.push_back(std::move(e));
    for (auto& p : other.plugins) plugins.push_back(std::move(p));
}

Result<NativeExtensions> load_library(const std::string& path) {
    using R = Result<NativeExtensions>;
    std::error_code fs_error;
    if (!std::filesystem::is_regular_file(paths::fs_path(path), fs_error))
        return R::fail(trf("{}: không có thư viện plugin", path));
    boost::dll::shared_library lib;
    try {
#ifdef _WIN32
        // The DLLs it needs come from its own folder, the program's folder and System32 only:
        // never from the working directory or PATH, where anyone could plant one.
        const auto mode = static_cast<boost::dll::load_mode::type>(
            LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_SYSTEM32);
#else
        // rtld_now: an unresolved symbol fails here, as an error we can report, not later as a crash.
        const auto mode = boost::dll::load_mode::rtld_now;
#endif
        lib.load(paths::fs_path(path), mode);
    } catch (const std::exception& e) {
        return R::fail(trf("{}: không nạp được thư viện: {}", path, e.what()));
    }
    {
        std::lock_guard lock(libraries_mutex());
        loaded_libraries().push_back(lib);
    }
    if (!lib.has("reportbench_abi_layout")) {
        if (lib.has("reportbench_api_version"))
            return R::fail(trf("{}: plugin được biên dịch với SDK cũ (chưa có bảng giao diện); hãy biên dịch lại plugin "
                               "với SDK của phiên bản này",
                               path));
        return R::fail(trf("{}: không phải plugin ReportBench (thiếu reportbench_abi_layout)", path));
    }
    // The handshake, both ways: the plugin's layout checked here, the host's by the plugin's
    // factory (which returns nothing when the host lacks a method it may call).
    api::Layout theirs{};
    std::string error;
    if (!call_plugin([&] { theirs = lib.get_alias<api::LayoutQuery>("reportbench_abi_layout")(); }, error))
        return R::fail(trf("{}: không đọc được phiên bản API của plugin: {}", path, error));
    if (theirs.api_version != api::kApiVersion)
        return R::fail(trf("{}: plugin được biên dịch cho API phiên bản {}, chương trình dùng phiên bản {}", path,
                           theirs.api_version, api::kApiVersion));
    if (const std::string why = layout_mismatch(api::kLayout, theirs); !why.empty())
        return R::fail(trf("{}: {}", path, why));
    if (!lib.has("reportbench_create_plugin"))
        return R::fail(trf("{}: plugin không có hàm tạo (reportbench_create_plugin)", path));
    Collector collector;
    std::shared_ptr<api::Plugin> plugin;
    if (!call_plugin([&] { plugin = lib.get_alias<api::Factory>("reportbench_create_plugin")(api::kLayout); }, error))
        return R::fail(trf("{}: plugin gặp lỗi khi khởi tạo: {}", path, error));
    if (!plugin)
        return R::fail(trf("{}: plugin không khởi tạo được với chương trình này (chương trình thiếu giao diện plugin cần)",
                           path));
    if (!call_plugin([&] { plugin->register_with(collector); }, error))
        return R::fail(trf("{}: plugin gặp lỗi khi khởi tạo: {}", path, error));
    collector.ext.plugins.push_back(std::move(plugin));
    return R::ok(std::move(collector.ext));
}

}  // namespace rb::plugin
