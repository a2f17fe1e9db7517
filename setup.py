"""Packaging hook: the wheel carries the templates folder (Word templates, clause files,
mail templates) as ``coopact/templates``, so that an installed coopact generates documents.
The repository keeps ``templates/`` at its root, where legal officers and developers edit it.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
KEPT = (".docx", ".md", ".j2", ".txt")


class BuildWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        source = ROOT / "templates"
        target = Path(self.build_lib) / "coopact" / "templates"
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.suffix in KEPT:
                destination = target / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)


setup(cmdclass={"build_py": BuildWithTemplates})
