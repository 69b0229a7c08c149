"""The two page checkers the browser tests run: axe-core in the page, and the
Nu Html Checker on the HTML as served. Both skip (or fail, in CI) when the npm
tools are missing (`make browser-tools`)."""

import json
import subprocess

from tests.browser.conftest import AXE_JS, VNU_JAR, need


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as loaded, one line each."""
    need(AXE_JS)
    # Through the DevTools protocol: the page's CSP allows no such script.
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate("axe.run(document).then(r => r.violations)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result
    ]


def nu_messages(files: list[str], *, css: bool = False) -> list[dict]:
    """The Nu Html Checker's errors for these HTML files (or, with ``css``,
    stylesheets), in one Java run."""
    need(VNU_JAR)
    mode = ["--css"] if css else []
    command = ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", *mode, "--format", "json"]
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [*command, *files],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
