"""Start the real QGIS desktop with Druktemeter in a throwaway profile.

Used by ``make demo`` and by the desktop smoke test. Installs the plugin from the
built zip into a fresh profile, enables it, optionally switches demo mode on,
and runs QGIS (under Xvfb when there is no display). With ``--snapshot PATH`` it
waits until the plugin reports that it has drawn its first data, saves a
screenshot of the QGIS window plus a JSON report beside it, and exits: 0 on
success, non-zero when that never happens within ``--timeout`` seconds. With
``--alert`` it goes on until the exercise raises its first alert, screenshots
that moment, clicks the alert in the dock, and screenshots the zoomed map
(``<snapshot>-zoomed.png``), reporting what the zoom shows. With ``--playback``
it plays back the hour before the first interval with the canvas's Temporal
Controller and saves two of its frames (``<snapshot>-frame<N>.png``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PROFILE = "druktemeter"
HERE = Path(__file__).resolve().parent

INI = """[PythonPlugins]
druktemeter=true

[druktemeter]
demo\\enabled={demo}
demo\\speed={speed}
demo\\scenario={scenario}

[qgis]
checkVersion=false
showTips={show_tips}
allowCrashReporting=false

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[UI]
hidebrowser=true

[locale]
overrideFlag={override_locale}
userLocale={locale}
"""


def make_profile(
    root: Path, plugin_zip: Path, demo: bool, locale: str = "", scenario: str = "markt", speed: int = 60
) -> Path:
    profile = root / "profiles" / PROFILE
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(plugins)
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    text = INI.format(
        demo=str(demo).lower(),
        show_tips="false",
        override_locale=str(bool(locale)).lower(),
        locale=locale,
        scenario=scenario,
        speed=speed,
    )
    ini.write_text(text, encoding="utf-8")
    return profile


def qgis_command(root: Path, startup: Path | None) -> list[str]:
    command = ["qgis", "--profiles-path", str(root), "--profile", PROFILE, "--nologo", "--noversioncheck"]
    if startup is not None:
        command += ["--code", str(startup)]
    if not os.environ.get("DISPLAY"):
        command = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *command]
    return command


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, required=True, help="the plugin zip built by `make package`")
    parser.add_argument("--demo", action="store_true", help="start in offline demo mode")
    parser.add_argument("--snapshot", type=Path, help="save a screenshot once data is drawn, then exit")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the first data")
    parser.add_argument("--locale", default="", help="run QGIS in this locale, e.g. nl_NL")
    parser.add_argument("--keep-profile", action="store_true", help="do not delete the throwaway profile")
    parser.add_argument("--scenario", default="markt", help="the demo scenario, e.g. carnaval")
    parser.add_argument("--speed", type=int, default=60, help="the demo's replay speed")
    parser.add_argument("--alert", action="store_true", help="wait for the first alert, click it, snapshot")
    parser.add_argument(
        "--playback",
        action="store_true",
        help="play back the hour before, snapshot two Temporal Controller frames",
    )
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="druktemeter-qgis-"))
    try:
        make_profile(root, args.zip.resolve(), args.demo, args.locale, args.scenario, args.speed)
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)  # the desktop needs a real (X) platform
        startup = None
        if args.snapshot:
            snapshot = args.snapshot.resolve()
            snapshot.parent.mkdir(parents=True, exist_ok=True)
            startup = HERE / "qgis_snapshot_startup.py"
            env["DRUKTEMETER_SNAPSHOT"] = str(snapshot)
            env["DRUKTEMETER_SNAPSHOT_TIMEOUT"] = str(args.timeout)
            env["DRUKTEMETER_SNAPSHOT_ALERT"] = "1" if args.alert else ""
            env["DRUKTEMETER_SNAPSHOT_PLAYBACK"] = "1" if args.playback else ""
        try:
            completed = subprocess.run(qgis_command(root, startup), env=env, timeout=args.timeout + 60)
        except subprocess.TimeoutExpired:
            print("QGIS did not finish in time", file=sys.stderr)
            return 3
        if args.snapshot and completed.returncode == 0 and not args.snapshot.exists():
            return 4
        return completed.returncode
    finally:
        if not args.keep_profile:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
