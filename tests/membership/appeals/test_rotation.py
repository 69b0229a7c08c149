"""The rotation between an appeal's variants happens in the reader's browser
(static/js/appeals.js picks one per place by weight, so the cached page is the
same for everyone). This runs that script under Node with a stand-in DOM and a
seeded ``Math.random``, and checks that the picks follow the weights."""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

import pytest

NODE = shutil.which("node")
SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "appeals.js"

# Runs appeals.js once per draw against fresh elements; prints the count of
# draws each variant was the one left visible.
DRAWS_JS = r"""
const fs = require("fs");
const vm = require("vm");
const [, path, weightsJson, drawsText] = process.argv;
const weights = JSON.parse(weightsJson);
let state = 20261129;
function random() {  // mulberry32: small, seeded, uniform enough for the test
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const seededMath = Object.create(Math);
seededMath.random = random;
const script = new vm.Script(fs.readFileSync(path, "utf8"));
const counts = {};
for (let draw = 0; draw < Number(drawsText); draw++) {
  const elements = Object.entries(weights).map(([id, weight]) => ({
    hidden: true,
    attributes: {
      "data-appeal-id": id,
      "data-appeal-placement": "end",
      "data-appeal-weight": String(weight),
    },
    getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; },
    querySelector() { return null; },
    querySelectorAll() { return []; },
  }));
  const context = {
    Math: seededMath,
    window: {},
    navigator: {},
    URLSearchParams,
    JSON,
    document: { currentScript: null, querySelector: () => null, querySelectorAll: () => elements },
  };
  script.runInNewContext(context);
  const visible = elements.filter((element) => !element.hidden);
  if (visible.length !== 1) throw new Error(`${visible.length} variants visible`);
  const id = visible[0].attributes["data-appeal-id"];
  counts[id] = (counts[id] || 0) + 1;
}
console.log(JSON.stringify(counts));
"""


def draw(weights: dict[str, int], draws: int) -> dict[str, int]:
    result = subprocess.run(  # noqa: S603 - node and this script, fixed arguments
        [NODE, "-e", DRAWS_JS, str(SCRIPT), json.dumps(weights), str(draws)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


@pytest.mark.skipif(NODE is None, reason="needs node to run static/js/appeals.js")
def test_the_browser_picks_variants_in_proportion_to_their_weights():
    draws = 20_000
    counts = draw({"1": 1, "2": 3, "3": 6}, draws)
    expected = {"1": 0.1 * draws, "2": 0.3 * draws, "3": 0.6 * draws}
    assert sum(counts.values()) == draws
    # Pearson's chi-squared, 2 degrees of freedom: 13.82 is the 0.1% critical value.
    chi2 = sum((counts.get(k, 0) - expected[k]) ** 2 / expected[k] for k in expected)
    assert chi2 < 13.82, counts
    # And it is not just uniform: each share within a point of its weight.
    for k in expected:
        assert abs(counts.get(k, 0) - expected[k]) / draws < 0.01, counts


@pytest.mark.skipif(NODE is None, reason="needs node to run static/js/appeals.js")
def test_a_single_variant_always_shows():
    assert draw({"7": 2}, 50) == {"7": 50}
