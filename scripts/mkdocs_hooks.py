"""Entry point named in mkdocs.yml (`hooks:`); the work is in plansite/hooks.py."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plansite.hooks import on_config, on_env, on_files, on_page_markdown, on_post_build, on_post_page, on_post_template, on_startup

__all__ = ["on_config", "on_env", "on_files", "on_page_markdown", "on_post_build", "on_post_page", "on_post_template",
           "on_startup"]  # the hooks MkDocs looks for
