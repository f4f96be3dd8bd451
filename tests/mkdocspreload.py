"""Imported once by mkdocsrun.py's server process, before it forks a process per build: the libraries
every build imports (not our own package, which each build imports from the copy it builds), and
jieba's dictionary, which Material's search reads on every build."""
import logging

import jieba
import jinja2  # noqa: F401
import markdown.extensions.attr_list  # noqa: F401
import markdown.extensions.tables  # noqa: F401
import markdown.extensions.toc  # noqa: F401
import material.plugins.offline.plugin  # noqa: F401
import material.plugins.search.plugin  # noqa: F401
import mkdocs.commands.build  # noqa: F401
import mkdocs.config.defaults  # noqa: F401
import xlsxwriter  # noqa: F401
import yaml  # noqa: F401

# Read the dictionary now, quietly (a build that reads it says so on its own output; these builds
# find it read); each build's fork starts from this copy of it.
jieba.setLogLevel(logging.WARNING)
jieba.dt.check_initialized()
jieba.setLogLevel(logging.DEBUG)
