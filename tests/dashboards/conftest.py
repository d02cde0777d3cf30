from tests.initiatives.conftest import _media, field, former  # noqa: F401
