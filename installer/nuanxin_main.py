"""The frozen app's entry script: PyInstaller runs this file as ``__main__`` (see nuanxin.spec).

In the bundle ``sys.executable`` is this program, so ``sys.executable -m server …`` (how
``nuanxin demo`` starts its embedded sync server, app/sync/demo_server.py) arrives here as
``nuanxin -m server …`` and runs the server's command line, as ``python -m server`` would.
"""

from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    if argv[:2] == ["-m", "server"]:
        from server.__main__ import main as server_main

        return server_main(argv[2:])
    from app.__main__ import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
