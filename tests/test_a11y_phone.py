"""Accessibility on a phone: the axe sweep of support/axe.py at 375 px, every page kind in two opposite modes
(test_a11y.py sweeps a desktop in all four)."""
from __future__ import annotations

import pytest

from support.axe import sweep

pytestmark = pytest.mark.browser


def test_axe_finds_no_violations_on_a_phone(browser, site_url):
    sweep(browser, site_url, 375, every_mode=False)
