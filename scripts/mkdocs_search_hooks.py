"""Entry point named in mkdocs.yml (`hooks:`) for search; the work is in plansite/search/."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plansite.search.hooks import (on_config, on_files, on_page_content, on_post_build, on_post_page,
                                   on_post_template)

__all__ = ["on_config", "on_files", "on_page_content", "on_post_build", "on_post_page",
           "on_post_template"]  # the hooks MkDocs looks for
