// Plugin folders that someone else could change are refused, with the reason (what can be
// written, by whom) among the registry's failures: a plugin runs with the user's rights, so
// whoever can edit it could act as the user. Folders made with the usual umask (022) load.
#ifndef _WIN32  // POSIX modes; the Windows counterpart (ACLs) is in windows_test.cpp
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "plugin/registry.hpp"

namespace fs = std::filesystem;

namespace rb::plugin {
namespace {

const char* kPermissionsDefinition = R"(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id="perm-type" edition="e1" version="1.0" formatVersion="1">
  <title>Báo cáo thử</title>
  <periods><period kind="quarter"/></periods>
  <narrative><section id="S"><title>Mục</title></section></narrative>
  <appendix><title>Phụ lục</title>
    <group code="G"><title>Nhóm</title>
      <indicator code="A" type="integer" min="0"><label>A</label></indicator>
    </group>
  </appendix>
</reportType>
)";

void put_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

void add_mode(const fs::path& p, mode_t bits) {
    struct stat st {};
    ASSERT_EQ(::stat(p.c_str(), &st), 0) << p;
    ASSERT_EQ(::chmod(p.c_str(), (st.st_mode & 07777) | bits), 0) << p;
}

class PluginPermissions : public ::testing::Test {
protected:
    void SetUp() override {
        ::umask(022);  // what a user's session usually has; the test then opens holes on purpose
        std::random_device rd;
        root_ = fs::temp_directory_path() / ("rb-perm-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(root_ / "plugins");
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }

    // plugins/<name> with a manifest naming `definition_file` (written there) and a library.
    fs::path plugin(const std::string& name, const std::string& definition_file = "def.xml",
                    const std::string& library = {}) {
        const fs::path folder = root_ / "plugins" / name;
        put_file(folder / definition_file, kPermissionsDefinition);
        std::string m = "<?xml version=\"1.0\"?><plugin xmlns=\"urn:reportbench:plugin:1\" id=\"" + name +
                        "\" version=\"1.0\" apiVersion=\"1\"><name>" + name + "</name><definition file=\"" +
                        definition_file + "\"/>";
        if (!library.empty()) {
            fs::copy_file(library, folder / "native.so");
            m += "<library file=\"native.so\"/>";
        }
        put_file(folder / "plugin.xml", m + "</plugin>");
        return folder;
    }

    Registry discover() const { return Registry::discover(SearchPath{{(root_ / "plugins").string()}}); }

    // The failure whose folder is `folder`, or fails the test.
    static std::string reason_for(const Registry& reg, const fs::path& folder) {
        for (const auto& f : reg.failures())
            if (fs::path(f.folder) == folder) return f.reason;
        std::string all;
        for (const auto& f : reg.failures()) all += f.folder + ": " + f.reason + "\n";
        ADD_FAILURE() << "no failure for " << folder << "; failures:\n" << all;
        return {};
    }

    fs::path root_;
};

TEST_F(PluginPermissions, FoldersMadeWithTheUsualUmaskLoad) {
    plugin("ok");
    const Registry reg = discover();
    ASSERT_EQ(reg.plugins().size(), 1u) << (reg.failures().empty() ? "" : reg.failures()[0].reason);
    EXPECT_TRUE(reg.failures().empty());
}

TEST_F(PluginPermissions, APluginFolderWritableByEveryoneIsRefusedWithTheReason) {
    const fs::path folder = plugin("open");
    plugin("closed");
    add_mode(folder, S_IWOTH);
    const Registry reg = discover();
    const std::string why = reason_for(reg, folder);
    EXPECT_NE(why.find(folder.string()), std::string::npos) << why;
    EXPECT_NE(why.find("0757"), std::string::npos) << why;
    EXPECT_NE(why.find("chmod go-w"), std::string::npos) << why;
    ASSERT_EQ(reg.plugins().size(), 1u);
    EXPECT_EQ(reg.plugins()[0].id, "closed");
}

TEST_F(PluginPermissions, AGroupWritableManifestIsRefused) {
    const fs::path folder = plugin("manifest");
    add_mode(folder / "plugin.xml", S_IWGRP);
    const Registry reg = discover();
    EXPECT_NE(reason_for(reg, folder).find((folder / "plugin.xml").string()), std::string::npos);
    EXPECT_TRUE(reg.plugins().empty());
}

TEST_F(PluginPermissions, AWritableDefinitionOrSubfolderIsRefusedBeforeAnythingLoads) {
    const fs::path a = plugin("def", "def.xml");
    add_mode(a / "def.xml", S_IWOTH);
    const fs::path b = plugin("sub", "defs/def.xml");
    add_mode(b / "defs", S_IWGRP | S_IWOTH);
    const Registry reg = discover();
    EXPECT_NE(reason_for(reg, a).find((a / "def.xml").string()), std::string::npos);
    EXPECT_NE(reason_for(reg, b).find((b / "defs").string()), std::string::npos);
    EXPECT_TRUE(reg.plugins().empty());
    EXPECT_TRUE(reg.types().empty());
}

TEST_F(PluginPermissions, AWritableLibraryIsRefusedBeforeItIsLoaded) {
    const fs::path folder = plugin("native", "def.xml", RB_FIXTURE_GOOD_PLUGIN);
    add_mode(folder / "native.so", S_IWGRP);
    const Registry reg = discover();
    EXPECT_NE(reason_for(reg, folder).find((folder / "native.so").string()), std::string::npos);
    EXPECT_TRUE(reg.plugins().empty());
    EXPECT_TRUE(reg.rules_for("perm-type").empty());
}

TEST_F(PluginPermissions, ASearchFolderOthersCanWriteInIsRefusedEvenWithTheStickyBit) {
    plugin("inside");
    const fs::path search = root_ / "plugins";
    for (mode_t mode : {mode_t(0777), mode_t(01777), mode_t(0775)}) {
        ASSERT_EQ(::chmod(search.c_str(), mode), 0);
        const Registry reg = discover();
        const std::string why = reason_for(reg, search);
        EXPECT_NE(why.find(search.string()), std::string::npos) << why;
        EXPECT_TRUE(reg.plugins().empty()) << std::oct << mode;
    }
}

TEST_F(PluginPermissions, APluginFolderInsideAStickyFolderIsFineWhenItIsOurs) {
    // Like a folder of ours in /tmp: others cannot replace it, so it loads.
    const fs::path sticky = root_ / "shared";
    fs::create_directories(sticky);
    ASSERT_EQ(::chmod(sticky.c_str(), 01777), 0);
    const fs::path folder = sticky / "mine";
    put_file(folder / "def.xml", kPermissionsDefinition);
    put_file(folder / "plugin.xml",
               "<?xml version=\"1.0\"?><plugin xmlns=\"urn:reportbench:plugin:1\" id=\"mine\" version=\"1.0\" "
               "apiVersion=\"1\"><name>mine</name><definition file=\"def.xml\"/></plugin>");
    Registry reg = Registry::discover(SearchPath{{folder.string()}});
    EXPECT_EQ(reg.plugins().size(), 1u) << (reg.failures().empty() ? "" : reg.failures()[0].reason);
    // Without the sticky bit anyone could swap the folder for theirs.
    ASSERT_EQ(::chmod(sticky.c_str(), 0777), 0);
    reg = Registry::discover(SearchPath{{folder.string()}});
    EXPECT_NE(reason_for(reg, folder).find(sticky.string()), std::string::npos);
    EXPECT_TRUE(reg.plugins().empty());
}

TEST_F(PluginPermissions, LinksAreJudgedByWhatTheyPointTo) {
    // A closed folder linked into the search folder loads; a link to an open one does not.
    const fs::path outside = root_ / "elsewhere";
    fs::create_directories(outside);
    const fs::path real = plugin("real");
    fs::rename(real, outside / "real");
    fs::create_directory_symlink(outside / "real", root_ / "plugins" / "real");
    EXPECT_EQ(discover().plugins().size(), 1u);
    add_mode(outside / "real", S_IWOTH);
    Registry reg = discover();
    EXPECT_NE(reason_for(reg, root_ / "plugins" / "real").find((outside / "real").string()), std::string::npos);
    EXPECT_TRUE(reg.plugins().empty());

    // A definition that is a link to a closed file in a folder anyone can write to: the file
    // could be replaced there, so the plugin is refused too.
    const fs::path open_dir = root_ / "open";
    fs::create_directories(open_dir);
    put_file(open_dir / "def.xml", kPermissionsDefinition);
    ASSERT_EQ(::chmod(open_dir.c_str(), 0777), 0);
    const fs::path linked = plugin("linked");
    fs::remove(linked / "def.xml");
    fs::create_symlink(open_dir / "def.xml", linked / "def.xml");
    reg = discover();
    EXPECT_NE(reason_for(reg, linked).find(open_dir.string()), std::string::npos);
    EXPECT_EQ(reg.find("perm-type"), nullptr);
}

TEST_F(PluginPermissions, AFolderOwnedByAnotherUserIsRefused) {
    if (::geteuid() != 0) GTEST_SKIP() << "giving a folder to another user needs root";
    const fs::path folder = plugin("foreign");
    ASSERT_EQ(::chown(folder.c_str(), 65534, 65534), 0);
    const Registry reg = discover();
    EXPECT_NE(reason_for(reg, folder).find("uid 65534"), std::string::npos);
    EXPECT_TRUE(reg.plugins().empty());
}

}  // namespace
}  // namespace rb::plugin
#endif
