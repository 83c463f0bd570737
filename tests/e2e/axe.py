"""Run axe-core (vendored, MPL-2.0, see vendor/README.md) in the page under test.

The script is evaluated by Playwright through the DevTools protocol; the portal never serves it.
`page.add_script_tag` would insert an inline <script> that the site's CSP (`script-src 'self'`)
rightly blocks, and a context with `bypass_csp` would test pages under a policy they do not have
in production; evaluating through DevTools is not subject to the page's CSP.
"""

from __future__ import annotations

import functools
from pathlib import Path

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"

# RGAA 4 maps onto WCAG 2.1 A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's own advice beyond WCAG (unique landmarks, one <h1>, content inside landmarks…).
BEST_PRACTICE_TAGS = ["best-practice"]


@functools.cache
def _axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def run_axe(page, *, tags: list[str] = WCAG_TAGS) -> list[dict]:
    """Return the violations axe finds on the page as it is now (WCAG 2.0/2.1 A and AA unless
    `tags` says otherwise)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source() + "\n;undefined")
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return results.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(' '),
                    summary: n.failureSummary,
                })),
            }));
        }""",
        tags,
    )


def format_violations(violations: list[dict], *, url: str = "") -> str:
    """One readable block per rule: id, impact, help, then each failing element's selector."""
    lines = [f"{len(violations)} axe violation(s) on {url}" if url else f"{len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:10]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}  — {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)
