; Inno Setup 6 script of the Nuanxin 暖心 desktop client: per-user install, no admin rights.
; Build steps: installer\windows\BUILD.md. The version comes from pyproject.toml:
;   iscc /DAppVersion=<python -m installer.project version> installer\windows\nuanxin.iss
; Paths are relative to this file. The bundle is PyInstaller's onedir output (installer\nuanxin.spec):
;   build\bundle\dist\nuanxin\nuanxin.exe and build\bundle\dist\nuanxin\_internal\
; User data (profiles in %APPDATA%\Nuanxin, keys in the Windows Credential Manager) is never
; installed or removed by this script: uninstalling leaves it in place.

#ifndef AppVersion
  #error AppVersion is not set: run iscc /DAppVersion=... with the version from pyproject.toml (see BUILD.md)
#endif
#ifndef BuildDir
  #define BuildDir "..\..\build"
#endif
#ifndef BundleDir
  #define BundleDir BuildDir + "\bundle\dist\nuanxin"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppExe "nuanxin.exe"
#define AppName "暖心 Nuanxin"
#define DataFolder "Nuanxin"

; Simplified Chinese setup pages: Inno Setup's own file when this Inno Setup ships one, else the
; translation from https://jrsoftware.org/files/istrans/ saved as languages\ChineseSimplified.isl.
#ifndef ChineseMessages
  #if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
    #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
  #elif FileExists(AddBackslash(SourcePath) + "languages\ChineseSimplified.isl")
    #define ChineseMessages "languages\ChineseSimplified.isl"
  #else
    #error ChineseSimplified.isl not found: download it into installer\windows\languages\ (see BUILD.md)
  #endif
#endif

[Setup]
AppId={{6A7F3C2E-9B4D-4E8A-A1C5-3D2B7E9F0C41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Nuanxin
AppComments=社区救助顾问工作台 / Community social-assistance workbench
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={localappdata}\Programs\Nuanxin
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
SetupIconFile={#BuildDir}\icons\nuanxin.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
CloseApplications=yes
Compression=lzma2/max
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename=nuanxin-setup-{#AppVersion}

[Languages]
Name: "chinesesimp"; MessagesFile: "{#ChineseMessages}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimp.AppComment=社区救助顾问工作台：走访、评估、转介，离线也能工作
english.AppComment=Workbench of community social-assistance advisors, offline first
chinesesimp.DataKept=已卸载程序文件。您的档案和数据仍保留在 %1，如需删除请手动删除该文件夹。
english.DataKept=The program was removed. Your profiles and data are kept in %1; delete that folder yourself if you no longer need them.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ After uninstalling, say where the user's data stayed (it is never deleted by the uninstaller). }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  DataDir := ExpandConstant('{userappdata}\{#DataFolder}');
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
end;
