"""Packaging shim: ship the top-level ``policies/`` folder as the ``embargo_policies`` package.

All metadata lives in pyproject.toml; setuptools cannot map a data-only folder from there.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["embargo", "embargo.*"]), "embargo_policies"],
    package_dir={"embargo_policies": "policies"},
    package_data={"embargo_policies": ["*.toml"]},
)
