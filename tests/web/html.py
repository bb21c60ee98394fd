"""A small HTML tree for the tests, on the standard library's parser.

Enough to ask what an editor would see: elements by tag, class or id, their
attributes and their text (entities decoded, as a browser shows them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    def get(self, name: str) -> str:
        value = self.attrs.get(name)
        assert value is not None, f"<{self.tag}> has no {name}"
        return value

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, class_: str | None = None) -> list[Element]:
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag) and (class_ is None or class_ in element.classes)
        ]

    def find(self, tag: str | None = None, class_: str | None = None) -> Element:
        found = self.find_all(tag, class_)
        assert found, f"no <{tag or '*'} class={class_!r}>"
        return found[0]

    def by_id(self, element_id: str) -> Element:
        for element in self.iter():
            if element.attrs.get("id") == element_id:
                return element
        raise AssertionError(f"no element with id {element_id!r}")

    def ids(self) -> set[str]:
        return {value for element in self.iter() if (value := element.attrs.get("id"))}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self._open: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def squash(text: str) -> str:
    """Text with runs of whitespace as single spaces, as a browser lays it out."""
    return " ".join(text.split())


def marked(html: str, tag: str) -> list[str]:
    """The texts a report marks as deleted (`del`) or inserted (`ins`) in its table of rows."""
    return [element.text for element in parse(html).find("table").find_all(tag)]
