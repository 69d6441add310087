; The ReportBench installer for Windows (NSIS 3), made by packaging/windows/build.sh:
;   makensis -DVERSION=x.y.z -DSTAGE=<installed tree> -DICON=<.ico> -DOUTFILE=<setup.exe> installer.nsi
; For all users (Program Files, needs administrator rights) or for the current user only
; (no rights needed); /AllUsers or /CurrentUser choose on the command line, /S installs
; silently. The uninstaller removes the program's folder and its registry entries only: the
; user's reports (Documents\ReportBench) and settings (%APPDATA%\ReportBench) stay.
; A 64-bit installer: it runs where wine64 runs, and ReportBench is 64-bit only.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma

!define APP "ReportBench"
!define REGKEY "Software\ReportBench"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ReportBench"
!define PROGID "ReportBench.Report"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
BrandingText "${APP} ${VERSION}"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP}"
; The uninstaller finds the mode the program was installed in from where this value is.
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${REGKEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${REGKEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!include MultiUser.nsh
!include MUI2.nsh
!include x64.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese first: the installer speaks it unless Windows' language is English.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString NeedsX64 ${LANG_VIETNAMESE} "ReportBench cần Windows 64 bit (Windows 10 phiên bản 1903 trở lên)."
LangString NeedsX64 ${LANG_ENGLISH} "ReportBench needs 64-bit Windows (Windows 10 version 1903 or later)."
LangString Commands ${LANG_VIETNAMESE} "ReportBench — dòng lệnh"
LangString Commands ${LANG_ENGLISH} "ReportBench — command line"
LangString Uninstall ${LANG_VIETNAMESE} "Gỡ ReportBench"
LangString Uninstall ${LANG_ENGLISH} "Uninstall ReportBench"
LangString ReportFile ${LANG_VIETNAMESE} "Báo cáo ReportBench"
LangString ReportFile ${LANG_ENGLISH} "ReportBench report"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsX64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "ReportBench" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"
  File "/oname=reportbench.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  ; SHCTX is HKLM for all users, HKCU for the current user (MultiUser sets it).
  WriteRegStr SHCTX "${REGKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${REGKEY}" "Version" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${APP}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\reportbench.ico"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1

  ; The desktop program in the Start menu and on the desktop; a command prompt in which
  ; reportbench-cli is at hand.
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\bin\reportbench.exe" "" "$INSTDIR\bin\reportbench.exe" 0
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\bin\reportbench.exe" "" "$INSTDIR\bin\reportbench.exe" 0
  CreateShortcut "$SMPROGRAMS\${APP}\$(Commands).lnk" "$SYSDIR\cmd.exe" \
    '/k "set PATH=$INSTDIR\bin;%PATH% && reportbench-cli --help"' "$INSTDIR\reportbench.ico" 0
  CreateShortcut "$SMPROGRAMS\${APP}\$(Uninstall).lnk" "$INSTDIR\Uninstall.exe" "/$MultiUser.InstallMode" \
    "$INSTDIR\reportbench.ico" 0

  ; .rbr files open in the desktop program, with the report file's icon (the program's second).
  WriteRegStr SHCTX "Software\Classes\.rbr" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "$(ReportFile)"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\bin\reportbench.exe",1'
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\bin\reportbench.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Section "Uninstall"
  ; The program's own files only: reports and settings live elsewhere and stay.
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\share"
  Delete "$INSTDIR\reportbench.ico"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${APP}"
  Delete "$DESKTOP\${APP}.lnk"
  ; The association only while it is still ours (another program may have taken .rbr since).
  ReadRegStr $0 SHCTX "Software\Classes\.rbr" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.rbr"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey SHCTX "${UNINSTKEY}"
  DeleteRegKey SHCTX "${REGKEY}"
SectionEnd
