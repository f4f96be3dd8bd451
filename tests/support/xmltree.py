"""Reading XML the site writes (the Atom feed, the charts' SVG) with ElementTree: the elements a test needs,
failing where one is missing rather than on None further on."""
from __future__ import annotations

import xml.etree.ElementTree as ET


def element(root: ET.Element, path: str, namespaces: dict[str, str] | None = None) -> ET.Element:
    """`root.find(path, namespaces)`, which must find an element."""
    found = root.find(path, namespaces)
    assert found is not None, f"no {path} in <{root.tag}>"
    return found


def element_text(root: ET.Element, path: str, namespaces: dict[str, str] | None = None) -> str:
    """The text of `root.find(path, namespaces)`, which must be there and have some."""
    found = element(root, path, namespaces)
    assert found.text is not None, f"{path} in <{root.tag}> has no text"
    return found.text
