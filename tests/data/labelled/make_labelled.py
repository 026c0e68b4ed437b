"""Generate the labelled test mail (*.eml) and labels.json in this folder.

Run `python tests/data/labelled/make_labelled.py`; the output is deterministic and committed.
Message texts live in the spec_*.py modules; mailkit.py writes the MIME bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import mailkit  # noqa: E402

SPECS = [
    "spec_confirmed_ats",
    "spec_confirmed_cal",
    "spec_confirmed_human",
    "spec_requested",
    "spec_sent",
    "spec_replies",
    "spec_lookalike",
    "spec_extra",
]


def main() -> int:
    """Import every spec module (each registers its messages) and write files and labels."""
    import importlib

    for name in SPECS:
        if (HERE / f"{name}.py").exists():
            importlib.import_module(name)
    seen: set[str] = set()
    for old in HERE.glob("*.eml"):
        old.unlink()
    labels = []
    for file, data, label in mailkit.REGISTRY:
        if file in seen:
            raise SystemExit(f"duplicate file name {file}")
        seen.add(file)
        (HERE / file).write_bytes(data)
        labels.append({"file": file, **label})
    labels.sort(key=lambda x: x["file"])
    (HERE / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(labels)} messages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
