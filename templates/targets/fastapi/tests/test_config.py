"""Configuration fails fast, naming the variable and never echoing its value."""

from __future__ import annotations

import pytest

from app.platform.config import ConfigError, load_settings


@pytest.mark.parametrize(
    "name, value",
    [("PORT", "abc"), ("LOG_LEVEL", "verbose"), ("BODY_LIMIT_BYTES", "-1"), ("SHUTDOWN_TIMEOUT_MS", "x")],
)
def test_invalid_values_name_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://app:sentinel-pw@db/app")
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert name in str(raised.value)
    assert "sentinel-pw" not in str(raised.value)


def test_database_url_is_required_outside_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("APP_ENV", "production")
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        load_settings()
    monkeypatch.setenv("APP_ENV", "development")
    assert load_settings().DATABASE_URL is None
