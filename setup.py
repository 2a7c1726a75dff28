"""The one build step pyproject.toml cannot state: the wheel carries a copy of the example corpus
`finalacts demo` reads, as finalacts/examples/ (laid out as in this repository), so the demo runs
from any installed copy while git holds the corpus once, at the top of the repository.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# What finalacts/workflows/demo.py reads from its source_root(): the texts, the manifests, the
# proposed texts, and the seed behind its fidelity figure (FIDELITY_SEED). MANIFEST.in lists the same.
# The texts of the bodies the demo tags editions of (demo/repository.py EDITIONS), not the others
# the corpus holds (WRC).
EXAMPLES = {
    "resolutions/pp": "*.yaml",
    "resolutions/wtdc": "*.yaml",
    "resolutions/wtsa": "*.yaml",
    "proposals": "*.yaml",
    "examples/proposed": "*.yaml",
    "examples/adopted": "*.yaml",
    "tests/fixtures/seeds": "000_43c449ac4a075b0d.txt",
}


class build_py_with_examples(build_py):
    """build_py, then the example corpus into <build>/finalacts/examples/."""

    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the clone itself
            return
        dest = Path(self.build_lib) / "finalacts" / "examples"
        shutil.rmtree(dest, ignore_errors=True)  # a file deleted from the corpus leaves no stale copy
        for folder, pattern in EXAMPLES.items():
            found = sorted(p for p in (HERE / folder).rglob(pattern) if p.is_file())
            if not found:
                raise FileNotFoundError(f"{folder}/{pattern}: the example corpus of `finalacts demo` is not in "
                                        f"{HERE}; build from a clone of the repository or its sdist")
            for src in found:
                target = dest / src.relative_to(HERE)
                self.mkpath(str(target.parent))
                self.copy_file(str(src), str(target))


setup(cmdclass={"build_py": build_py_with_examples})
