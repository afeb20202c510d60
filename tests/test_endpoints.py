"""endpoints: catalog matching for v2.0 and v3, errors, no silent picks."""

from __future__ import annotations

import pytest

from aiocloud import Availability, EndpointOpts, ServiceCatalog, errors, normalize_url
from aiocloud.testing import catalog_v2, catalog_v3

SERVICES = {"compute": ("nova", "https://nova:8774/v2.1"), "network": ("neutron", "https://n:9696")}


@pytest.mark.parametrize(
    "catalog",
    [ServiceCatalog.from_v3(catalog_v3(SERVICES)), ServiceCatalog.from_v2(catalog_v2(SERVICES))],
)
def test_locate_by_type_region_and_interface(catalog: ServiceCatalog) -> None:
    opts = EndpointOpts(region="RegionOne").apply_defaults("compute")
    assert catalog.locate(opts) == "https://nova:8774/v2.1/"
    admin = EndpointOpts(type="network", availability=Availability.ADMIN)
    assert catalog.locate(admin) == "https://n:9696/"


def test_missing_service_and_endpoint() -> None:
    catalog = ServiceCatalog.from_v3(catalog_v3(SERVICES))
    with pytest.raises(errors.ServiceNotFound, match="it has: compute, network"):
        catalog.locate(EndpointOpts(type="object-store"))
    with pytest.raises(errors.EndpointNotFound):
        catalog.locate(EndpointOpts(type="compute", region="Nowhere"))
    with pytest.raises(errors.ServiceNotFound):
        catalog.locate(EndpointOpts(type="compute", name="other-nova"))


def test_more_than_one_match_is_an_error() -> None:
    two_regions = catalog_v3(SERVICES) + catalog_v3(
        {"compute": ("nova", "https://nova2:8774/v2.1")}, region="RegionTwo"
    )
    catalog = ServiceCatalog.from_v3(two_regions)
    with pytest.raises(errors.AmbiguousEndpoint, match="2 compute endpoints"):
        catalog.locate(EndpointOpts(type="compute"))
    assert catalog.locate(EndpointOpts(type="compute", region="RegionTwo")) == (
        "https://nova2:8774/v2.1/"
    )


def test_malformed_catalog() -> None:
    with pytest.raises(errors.ResponseFormatError):
        ServiceCatalog.from_v3([{"endpoints": []}])
    with pytest.raises(errors.ResponseFormatError):
        ServiceCatalog.from_v3([{"type": "x", "endpoints": [{"url": "u", "interface": "odd"}]}])


def test_apply_defaults_keeps_explicit_type() -> None:
    assert EndpointOpts(type="volumev3").apply_defaults("volume").type == "volumev3"
    assert normalize_url("https://a/b//") == "https://a/b/"
