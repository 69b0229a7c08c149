"""StreamField blocks for article and page bodies.

Content blocks (what readers read) live in ``content``, structural ones (that
shape the page around the text) in ``structural``. Stored block names are data:
renaming one needs a data migration.
"""

from articles.blocks.bodies import ArticleBodyBlock, StandardBodyBlock
from articles.blocks.front import FrontSectionsBlock

__all__ = ["ArticleBodyBlock", "FrontSectionsBlock", "StandardBodyBlock"]
