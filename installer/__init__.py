"""Build recipes for Nuanxin's installers: the PyInstaller bundle, the .deb and Inno Setup."""
