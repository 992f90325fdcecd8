"""The tasks layer does not reach into the page: chat intake lives in ``assistant.tasks.intake``."""

from __future__ import annotations

import subprocess
import sys


def test_tasks_intake_imports_nothing_from_the_ui_layer():
    code = ("import sys, assistant.tasks.intake_model, assistant.tasks.intake; "
            "print(','.join(m for m in sys.modules if m.startswith('assistant.ui') or m == 'gradio'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_the_page_reexports_the_same_functions():
    from assistant.tasks import intake
    from assistant.ui import intake as page_intake

    assert page_intake.update_fields is intake.update_fields and page_intake.description is intake.description
