import pytest

from app.platform.config import ConfigError, load_config

BASE = {"DATABASE_URL": "postgres://u:secret-pw@db/app"}


def test_defaults_follow_the_contract():
    config = load_config(BASE)
    assert (config.port, config.body_limit_bytes, config.max_concurrent_requests) == (
        8080,
        1_048_576,
        1024,
    )


@pytest.mark.parametrize(
    "name,value",
    [
        ("PORT", "abc"),
        ("LOG_LEVEL", "verbose"),
        ("BODY_LIMIT_BYTES", "-1"),
        ("SHUTDOWN_TIMEOUT_MS", "x"),
    ],
)
def test_invalid_values_name_the_variable_never_the_secret(name, value):
    with pytest.raises(ConfigError) as error:
        load_config({**BASE, name: value})
    assert name in str(error.value)
    assert "secret-pw" not in str(error.value)


def test_database_url_is_required_in_production_only():
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        load_config({})
    assert load_config({"APP_ENV": "development"}).database_url is None
