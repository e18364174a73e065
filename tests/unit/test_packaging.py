"""A non-editable install (the Dockerfile's `pip install .`) has every data file the service
reads at run time: the wheel built from this tree is checked for them."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from streams.settings import REPO_ROOT

NEEDED = ["streams/kafka/pom.xml", "streams/kafka/server.properties.in", "streams/kafka/log4j2.properties",
          "streams/extraction/data/lexicon.json", "streams/extraction/data/confidence.json",
          "streams/web/static/index.html", "streams/web/static/dashboard.js", "schemas/json/event.schema.json"]


def test_the_wheel_carries_the_run_time_data_files(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(REPO_ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("newsevents-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [n for n in NEEDED if n not in names] == []
